using System.Diagnostics;
using System.Globalization;
using Npgsql;
using SloBot.Tests.Hosting;
using Xunit.Abstractions;

namespace SloBot.Tests.Reliability;

/// <summary>
/// The real SloBot processes of a multi-replica test: each in its own folder under one temporary root, its output in
/// the test's log, all killed and the root deleted at the end.
/// </summary>
internal sealed class ReplicaFleet(ITestOutputHelper output, string prefix) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory(prefix).FullName;
    private readonly List<Process> _processes = [];

    /// <summary>Starts replica <paramref name="name"/>; <paramref name="args"/> get its own folder (for its files).</summary>
    public Process Start(string name, Func<string, string[]> args)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_root, name)).FullName;
        var process = SlobotProcess.Start(dir, args(dir));
        _processes.Add(process);
        process.OutputDataReceived += (_, e) => Log(name, e.Data);
        process.ErrorDataReceived += (_, e) => Log(name, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>One integer the replicas' shared PostgreSQL state answers (counts of pending work and the like).</summary>
    public static async Task<int> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private void Log(string name, string? line)
    {
        if (line is null)
            return;
        try
        {
            output.WriteLine($"[{name}] {line}");
        }
        catch (InvalidOperationException)
        {
            // the test has ended
        }
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
            process.Dispose();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // a file still open on a slow machine: the temp directory is cleaned up later
        }
    }
}
