using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SloBot.Storage.Tests.Postgres;

/// <summary>
/// A private PostgreSQL server for the tests: Debian's binaries (<c>apt-get install postgresql</c>), a fresh cluster in
/// a temporary directory on a free loopback port, started once per test run and stopped when it ends (the next run
/// deletes the directory). Each test gets its own database. When the binaries are missing the tests fail with a
/// message saying what to install; as root the server runs as the <c>postgres</c> user, since initdb refuses root.
/// </summary>
internal sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);
    private readonly string _bin;
    private readonly string _dir;
    private readonly bool _asPostgresUser;
    private int _databases;

    private PostgresServer(string bin, string dir, bool asPostgresUser, int port)
    {
        (_bin, _dir, _asPostgresUser, Port) = (bin, dir, asPostgresUser, port);
    }

    public int Port { get; }

    /// <summary>A connection string to a new, empty database of the shared server.</summary>
    public static async Task<string> NewDatabaseAsync()
    {
        var server = await Shared.Value.ConfigureAwait(false);
        var name = $"t{Environment.ProcessId}_{Interlocked.Increment(ref server._databases)}";
        await using (var admin = new NpgsqlConnection(server.ConnectionString("postgres")))
        {
            await admin.OpenAsync().ConfigureAwait(false);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        return server.ConnectionString(name);
    }

    private string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=slobot;Database={database};Timeout=10";

    private static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found in /usr/lib/postgresql/*/bin or on PATH. " +
            "Install Debian's PostgreSQL server: apt-get install postgresql (.ci/run does this).");
        DeleteStale();
        var dir = Directory.CreateTempSubdirectory("slobot-postgres-server-").FullName;
        var asPostgresUser = Environment.UserName == "root"; // initdb refuses to run as root
        if (asPostgresUser)
            await RunAsync("chown", ["-R", "postgres", dir]).ConfigureAwait(false);
        var port = FreePort();
        var server = new PostgresServer(bin, dir, asPostgresUser, port);
        await server.ToolAsync("initdb", ["-D", server.Data, "-U", "slobot", "--auth=trust", "-E", "UTF8", "--no-sync"]).ConfigureAwait(false);
        await server.ToolAsync("pg_ctl", [
            "-D", server.Data, "-l", Path.Combine(dir, "server.log"), "-w", "-t", "60",
            "-o", $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500",
            "start",
        ]).ConfigureAwait(false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    }

    private string Data => Path.Combine(_dir, "data");

    /// <summary>At exit: asks the server to stop without waiting (the test host may not wait long for us).</summary>
    private void Stop()
    {
        try
        {
            ToolAsync("pg_ctl", ["-D", Data, "-m", "immediate", "-W", "stop"]).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }
    }

    /// <summary>Directories of earlier runs whose server is gone (their test host could not wait to delete them).</summary>
    private static void DeleteStale()
    {
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), "slobot-postgres-server-*"))
        {
            var pidFile = Path.Combine(dir, "data", "postmaster.pid");
            try
            {
                if (!File.Exists(pidFile) || !Directory.Exists($"/proc/{File.ReadLines(pidFile).First().Trim()}"))
                    Directory.Delete(dir, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // another run's, still in use
            }
        }
    }

    private Task ToolAsync(string tool, string[] args) => _asPostgresUser
        ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args])
        : RunAsync(Path.Combine(_bin, tool), args);

    private static async Task RunAsync(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)} exited with {process.ExitCode}: {await errors.ConfigureAwait(false)}{await output.ConfigureAwait(false)}");
    }

    private static string? FindBinaries()
    {
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return debian ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').FirstOrDefault(d => d.Length > 0 && File.Exists(Path.Combine(d, "initdb")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
