using System.Data.Common;

namespace SloBot.Storage;

public static class DbCommandExtensions
{
    public static DbCommand AddParameter(this DbCommand command, string name, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        command.Parameters.Add(p);
        return command;
    }

    public static DbCommand Command(this DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = transaction;
        return cmd;
    }
}
