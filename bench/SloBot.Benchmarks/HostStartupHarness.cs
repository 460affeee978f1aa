using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SloBot.Benchmarks;

/// <summary>
/// Starts the real host (<c>slobot.dll</c>, as a service with no terminal) on a free loopback port and its own temp
/// store, measures the time until <c>/readyz</c> answers 200, then the resident memory after it has been idle.
/// <c>host-startup [--demo] [runs]</c>.
/// </summary>
internal static class HostStartupHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        var demo = args.Contains("--demo");
        var runs = args.Where(a => int.TryParse(a, out _)).Select(int.Parse).DefaultIfEmpty(5).First();
        var dll = Path.Combine(AppContext.BaseDirectory, "slobot.dll");
        var ready = new List<double>();
        var rss = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var dir = Directory.CreateTempSubdirectory("slobot-startup-");
            var port = FreePort();
            var psi = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { dll, $"--urls=http://127.0.0.1:{port}", $"--SloBot:Storage:ConnectionString=Data Source={Path.Combine(dir.FullName, "s.db")}" },
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = dir.FullName,
            };
            if (demo)
                psi.ArgumentList.Add("--demo");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(psi)!;
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            while (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                try
                {
                    if ((await http.GetAsync(new Uri($"http://127.0.0.1:{port}/readyz"))).StatusCode == HttpStatusCode.OK)
                        break;
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }

                await Task.Delay(10);
            }

            ready.Add(clock.Elapsed.TotalMilliseconds);
            await Task.Delay(TimeSpan.FromSeconds(5)); // idle
            rss.Add(ResidentMegabytes(process.Id));
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            dir.Delete(recursive: true);
        }

        ready.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"host-startup{(demo ? " --demo" : "")}: {runs} runs; start→ready median {ready[runs / 2]:0} ms (min {ready[0]:0}, max {ready[^1]:0}); idle RSS median {rss.Order().ElementAt(runs / 2):0.0} MiB"));
        return 0;
    }

    private static double ResidentMegabytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
