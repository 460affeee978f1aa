using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace SloBot.Tests.Hosting;

/// <summary>The real executable in its own process, in its own temporary folder with its own state database.</summary>
internal static class SlobotProcess
{
    /// <summary>Starts <c>slobot.dll</c> in <paramref name="dir"/>, state in <c>state.db</c> there unless an argument sets it.</summary>
    public static Process Start(string dir, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dir,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "slobot.dll"));
        psi.ArgumentList.Add($"--SloBot:Storage:ConnectionString=Data Source={Path.Combine(dir, "state.db")}");
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    /// <summary>Runs to its end; stdout and stderr together, and the exit code.</summary>
    public static async Task<(int ExitCode, string Text)> RunAsync(string dir, params string[] args)
    {
        using var process = Start(dir, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await WaitForExitAsync(process, TimeSpan.FromSeconds(60));
        return (process.ExitCode, await errors + await output);
    }

    public static async Task WaitForExitAsync(Process process, TimeSpan limit)
    {
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"slobot did not exit within {limit}");
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// A loopback port bound but never listened on, held until <c>Holder</c> is disposed: connections to it are refused.
    /// (A free port released at once could be taken by another test's server running in parallel.)
    /// </summary>
    public static (Socket Holder, int Port) RefusingPort()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return (socket, ((IPEndPoint)socket.LocalEndPoint!).Port);
    }

    /// <summary>Sends a POSIX signal (15 = SIGTERM).</summary>
    public static int Signal(int pid, int signal) => Kill(pid, signal);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
