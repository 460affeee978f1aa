using System.Diagnostics;
using Xunit;

namespace SloBot.Core.Tests;

/// <summary>
/// Runs a script of a test's <c>tools</c> folder (the seed's Python transcribed verbatim, and the driver that fills its
/// gaps) with <c>python3</c> and returns its output lines. Fails, never skips, when python3 is missing.
/// </summary>
internal static class DocumentPython
{
    public static async Task<IReadOnlyList<string>> RunAsync(string relativeScript, params string[] args)
    {
        var script = Path.Combine(AppContext.BaseDirectory, relativeScript);
        var start = new ProcessStartInfo("python3", [script, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(script)!,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"python3 is needed for the differential test that runs {relativeScript} (Debian: apt-get install python3).", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"{relativeScript} failed: " + await stderr);
            return (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
    }
}
