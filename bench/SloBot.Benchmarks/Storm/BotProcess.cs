using System.Diagnostics;

namespace SloBot.Benchmarks.Storm;

/// <summary>
/// The published SloBot (<c>slobot.dll</c> next to the harness, as the other harnesses run it) in its own process, its
/// output in <c>&lt;name&gt;.log</c> in its working folder. <see cref="Kill"/> is SIGKILL: no shutdown code runs.
/// </summary>
internal sealed class BotProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private BotProcess(Process process, StreamWriter log, string logPath)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    /// <param name="demo">With <c>--demo</c>: the demo catalog and its embedded SLI store.</param>
    /// <param name="port">The web server's port (<c>/readyz</c>); any free one when 0.</param>
    public static BotProcess Start(string name, IReadOnlyDictionary<string, string?> settings, string dir, bool demo = true, int port = 0)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dir,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "slobot.dll"));
        if (demo)
            psi.ArgumentList.Add("--demo");
        psi.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        psi.ArgumentList.Add("--Logging:LogLevel:Default=Warning");
        foreach (var (key, value) in settings)
            psi.ArgumentList.Add($"--{key}={value}");
        var logPath = Path.Combine(dir, name + ".log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new BotProcess(process, log, logPath);
    }

    /// <summary>SIGKILL, as the kernel's OOM killer or a lost node would end it.</summary>
    public void Kill() => _process.Kill(entireProcessTree: false);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        lock (_log)
            _log.Dispose();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
            return;
        lock (log)
        {
            if (log.BaseStream is not null)
                log.WriteLine(line);
        }
    }
}
