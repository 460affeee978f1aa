using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace SloBot.Tests.Cli;

/// <summary>
/// Issue 15 item 6 through the executable's entry point: <c>slobot status-page --out DIR</c> writes index.html and
/// status.json of the same content, and a real headless browser (Debian's Chromium; the test fails without it) reads on
/// the page what the JSON says — and none of the demo's internal names.
/// </summary>
public sealed partial class StatusPageBrowserTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task StatusPage_WrittenByTheExecutable_ShowsInChromiumWhatItsJsonSays()
    {
        var site = Path.Combine(_cli.Dir, "site");
        var (code, stdout, stderr) = await _cli.RunAsync(
            "status-page", "30d", "--out", site, "--demo",
            "--SloBot:StatusPage:Title=Acme status",
            "--SloBot:StatusPage:Services:payment=Acme Pay",
            "--SloBot:StatusPage:Services:search:Name=Finder",
            "--SloBot:StatusPage:Services:notifications=Alerts by mail");
        Assert.True(code == 0, $"exit {code}: {stdout} {stderr}");
        Assert.Contains("Wrote the status page of 3 services", stdout, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(site, "status.json")));
        var dom = await DumpDomAsync(Path.Combine(site, "index.html"));
        var text = Text(dom);

        Assert.Contains("<title>Acme status</title>", dom, StringComparison.Ordinal);
        var services = json.RootElement.GetProperty("services").EnumerateArray().ToArray();
        Assert.Equal(["Acme Pay", "Alerts by mail", "Finder"], services.Select(s => s.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        foreach (var service in services)
        {
            var name = service.GetProperty("name").GetString()!;
            var availability = service.GetProperty("availability").GetDouble();
            var shown = (Math.Floor(availability * 10_000) / 100).ToString("0.00", CultureInfo.InvariantCulture) + " % availability";
            Assert.Matches(new Regex(Regex.Escape(name) + @"\s+\S.*?\s+" + Regex.Escape(shown)), text); // name, status, availability
            Assert.Equal(30, service.GetProperty("days").GetArrayLength());
        }

        Assert.Equal(3 * 30, DaySquare().Count(dom)); // one bar a day per service, rendered by the browser
        var incidents = json.RootElement.GetProperty("incidents").GetArrayLength();
        Assert.True(incidents > 0, "the demo's history has incidents in the last 30 days");
        Assert.Equal(incidents, ListItem().Count(dom[dom.IndexOf("id=\"incidents\"", StringComparison.Ordinal)..]));

        // The catalog's names, SLOs, owners and budgets are internal: none of them reaches the page.
        foreach (var secret in new[] { "payment", "search", "checkout", "inventory", "notifications", "latency", "delivery", "budget", "burn", "U0DEMO", "#payments", "Demo " })
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task StatusPage_WithoutListedServicesOrFolder_IsBadUsage()
    {
        var (none, _, noneErr) = await _cli.RunAsync("status-page", "--out", Path.Combine(_cli.Dir, "x"), "--SloBot:Catalog:Path=" + _cli.WriteCatalog());
        Assert.Equal(2, none);
        Assert.Contains("No service is on the status page: list them under SloBot:StatusPage:Services", noneErr, StringComparison.Ordinal);

        var (noOut, _, noOutErr) = await _cli.RunAsync("status-page", "--demo");
        Assert.Equal(2, noOut);
        Assert.Contains("--out DIR", noOutErr, StringComparison.Ordinal);

        var (badPeriod, _, badErr) = await _cli.RunAsync("status-page", "36h", "--out", Path.Combine(_cli.Dir, "y"), "--demo");
        Assert.Equal(2, badPeriod);
        Assert.Contains("'36h' is not a period of whole days from 1d to 366d", badErr, StringComparison.Ordinal);
    }

    /// <summary>The DOM Chromium built from the file (<c>--dump-dom</c>): what a browser makes of the page, not the file's text.</summary>
    private async Task<string> DumpDomAsync(string file)
    {
        var chromium = new[] { "chromium", "chromium-browser", "google-chrome" }
            .Select(c => Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(d => Path.Combine(d, c)).FirstOrDefault(File.Exists))
            .FirstOrDefault(p => p is not null)
            ?? throw new InvalidOperationException("This test needs a headless browser: install Debian's chromium (apt-get install chromium); scripts/test.sh does when it runs as root.");
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", $"--user-data-dir={Path.Combine(_cli.Dir, "chromium")}", "--dump-dom", new Uri(file).AbsoluteUri },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var dom = await output;
        Assert.True(process.ExitCode == 0 && dom.Contains("</html>", StringComparison.Ordinal), $"chromium exit {process.ExitCode}: {await errors}");
        return dom;
    }

    /// <summary>The page's visible text: tags dropped, entities decoded, whitespace collapsed.</summary>
    private static string Text(string dom) =>
        Whitespace().Replace(System.Net.WebUtility.HtmlDecode(Tag().Replace(Style().Replace(dom, " "), " ")), " ");

    [GeneratedRegex("<style>.*?</style>", RegexOptions.Singleline)]
    private static partial Regex Style();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("<span class=\"day[ \"]")]
    private static partial Regex DaySquare();

    [GeneratedRegex("<li>")]
    private static partial Regex ListItem();
}
