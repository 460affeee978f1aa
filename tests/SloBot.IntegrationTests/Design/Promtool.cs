using System.Diagnostics;

namespace SloBot.IntegrationTests.Design;

/// <summary>Runs Debian's promtool (<c>PROMTOOL</c> env var, else <c>/usr/bin/promtool</c>, else PATH). Missing promtool fails the test.</summary>
internal static class Promtool
{
    public static string Path()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("PROMTOOL"), "/usr/bin/promtool" }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => System.IO.Path.Combine(d, "promtool")));
        return candidates.FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p))
            ?? throw new InvalidOperationException("promtool is not installed: `apt-get install prometheus` (Debian) or set PROMTOOL to its path. These tests need the real promtool.");
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(Path()) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}

/// <summary>A temporary directory of its own, removed afterwards.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "slobot-tiers-" + Guid.NewGuid().ToString("N"));

    public string Write(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("SLOBOT_KEEP_TEST_FILES") == "1")
            return; // for debugging a failing promtool run
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
