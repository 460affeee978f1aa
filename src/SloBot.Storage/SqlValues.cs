using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SloBot.Storage;

/// <summary>Values every SQL store writes the same way, on both providers.</summary>
internal static class SqlValues
{
    /// <summary>A unique or primary key was violated (SQLite 19, PostgreSQL 23505).</summary>
    public static bool IsConflict(Exception ex) => ex is SqliteException { SqliteErrorCode: 19 } or PostgresException { SqlState: "23505" };

    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
