using System.Text.Json;
using SloBot.Cli;
using SloBot.Storage.Tests.Postgres;
using Xunit;

namespace SloBot.Tests.Cli;

/// <summary>
/// SloBot's state in PostgreSQL (<c>SloBot:Storage:ConnectionString=Host=…</c>) on the tests' private server: a decision
/// recorded by one run is listed by the next, and the embedded SLI store stays in its own SQLite file.
/// </summary>
public sealed class PostgresStorageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("slobot-ask-pg-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task ReleaseDecision_RecordedInPostgres_IsListedByTheNextRun()
    {
        var store = $"--SloBot:Storage:ConnectionString={await PostgresServer.NewDatabaseAsync()}";
        var sli = $"--SloBot:Sli:Embedded:ConnectionString=Data Source={Path.Combine(_dir, "sli.db")}";

        var (code, stdout, stderr) = await RunAsync("ask", "/slo release payment v1.5.0 lines=1200 db-migration coverage=72", "--demo", "--json", store, sli);
        Assert.True(code is 0 or 3 or 4 or 5, $"a release decision's exit code (0 approve, 3 review, 4 defer, 5 block), not {code}: {stderr}");
        var id = JsonDocument.Parse(stdout).RootElement.GetProperty("decisionId").GetString();

        var (listCode, list, _) = await RunAsync("ask", "/slo releases payment", "--demo", store, sli);
        Assert.Equal(0, listCode);
        Assert.Contains(id!, list, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dir, "sli.db")), "the demo's events went to the embedded SQLite store");
    }

    [Fact]
    public async Task EmbeddedStore_GivenAPostgresConnectionString_IsRefusedNamingTheKey()
    {
        var (code, _, stderr) = await RunAsync("ask", "/slo status", "--demo", "--SloBot:Sli:Embedded:ConnectionString=Host=127.0.0.1;Port=1");
        Assert.Equal(2, code);
        Assert.Contains("SloBot:Sli:Embedded:ConnectionString must be a SQLite connection string", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await SloBotCli.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
