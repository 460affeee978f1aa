using Microsoft.Data.Sqlite;
using SloBot.Storage.Tests.Postgres;
using Xunit;

namespace SloBot.Storage.Tests;

/// <summary>
/// A storage test that runs on a fresh store of one provider: SQLite in its own temporary directory, or its own
/// database on the tests' PostgreSQL server. Each contract class has one concrete class per provider.
/// </summary>
public abstract class StoreTest(StorageProvider provider) : IAsyncLifetime
{
    protected StorageProvider Provider { get; } = provider;

    protected string Dir { get; } = Directory.CreateTempSubdirectory("slobot-store-").FullName;

    /// <summary>The store's connection string, as <c>SloBot:Storage:ConnectionString</c> would hold it.</summary>
    protected string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync() => ConnectionString = Provider == StorageProvider.PostgreSql
        ? await PostgresServer.NewDatabaseAsync()
        : $"Data Source={Path.Combine(Dir, "state.db")}";

    public virtual Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
            // a file still open on a slow machine: the temp directory is cleaned up later
        }

        return Task.CompletedTask;
    }
}
