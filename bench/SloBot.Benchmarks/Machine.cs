using System.Globalization;

namespace SloBot.Benchmarks;

/// <summary>What the harnesses report about the machine and the measured process (Linux <c>/proc</c>; "unknown" elsewhere).</summary>
internal static class Machine
{
    /// <summary>The 1-, 5- and 15-minute load averages, as <c>uptime</c> prints them, and the cores they share.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg")
            ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) + $" on {Environment.ProcessorCount} cores"
            : "unknown";

    /// <summary>The process's peak resident memory so far (<c>VmHWM</c>) in MiB, NaN when it can't be read.</summary>
    public static double PeakResidentMiB(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return double.NaN; // the process has exited
        }
    }
}
