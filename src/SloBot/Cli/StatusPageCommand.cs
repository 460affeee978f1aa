using System.Text.Json;
using Humanizer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SloBot.Chat.Replies;
using SloBot.Chat.StatusPage;
using SloBot.Core.Budgets;
using SloBot.Core.Sli;

namespace SloBot.Cli;

/// <summary>
/// <c>slobot status-page [PERIOD] --out DIR</c>: the customers' status page as static files, <c>index.html</c> and
/// <c>status.json</c> (the same content), for the last PERIOD of whole UTC days (default <c>SloBot:StatusPage:Days</c>)
/// and today so far. Exit 0 written, 1 the SLI source failed for every listed service, 2 bad usage or nothing listed.
/// </summary>
internal static class StatusPageCommand
{
    public const string UsageLine = "Usage: slobot status-page [PERIOD] --out DIR   (PERIOD in days, e.g. 30d; default SloBot:StatusPage:Days)";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(IServiceProvider services, CliArguments cli, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<StatusPageOptions>>().Value;
        var days = options.Days;
        if (cli.Words.Count > 1)
            return await BadAsync(stderr, $"Too many arguments: {string.Join(' ', cli.Words)}.").ConfigureAwait(false);
        if (cli.Words.Count == 1)
        {
            if (!SloWindow.TryParse(cli.Words[0], out var period) || period.Ticks % TimeSpan.TicksPerDay != 0 || period.TotalDays is < 1 or > StatusPageOptions.MaxDays)
                return await BadAsync(stderr, $"'{cli.Words[0]}' is not a period of whole days from 1d to {StatusPageOptions.MaxDays}d, e.g. 30d or 90d.").ConfigureAwait(false);
            days = (int)period.TotalDays;
        }

        if (string.IsNullOrWhiteSpace(cli.OutDir))
            return await BadAsync(stderr, "Give the folder to write the page to: --out DIR.").ConfigureAwait(false);
        if (File.Exists(cli.OutDir))
            return await BadAsync(stderr, $"--out '{cli.OutDir}' is a file; give a folder (it is created if missing).").ConfigureAwait(false);
        if (options.Services.Count == 0)
        {
            await stderr.WriteLineAsync($"No service is on the status page: list them under {StatusPageOptions.Section}:Services, e.g. "
                + $"--{StatusPageOptions.Section}:Services:payment=Payments (the name customers know it by; catalog names stay internal).").ConfigureAwait(false);
            return ExitCodes.BadCommand;
        }

        StatusPageData page;
        string html;
        try
        {
            (page, html) = await services.BuildStatusPageAsync(days, services.GetRequiredService<TimeProvider>().GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        catch (SliSourceException ex)
        {
            await stderr.WriteLineAsync($"The SLI source failed: {ex.Message}. Nothing was written.").ConfigureAwait(false);
            return ExitCodes.SourceFailed;
        }

        Directory.CreateDirectory(cli.OutDir);
        var htmlFile = Path.Combine(cli.OutDir, "index.html");
        var jsonFile = Path.Combine(cli.OutDir, "status.json");
        await File.WriteAllTextAsync(htmlFile, html, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(jsonFile, JsonSerializer.Serialize(page.ToData(), Json) + Environment.NewLine, cancellationToken).ConfigureAwait(false);
        await stdout.WriteLineAsync($"Wrote the status page of {"service".ToQuantity(page.Services.Count)} and {"incident".ToQuantity(page.Incidents.Count)} over {"day".ToQuantity(days)} to {htmlFile} and {jsonFile}.").ConfigureAwait(false);
        foreach (var problem in page.Problems)
            await stderr.WriteLineAsync("Not on the page: " + problem).ConfigureAwait(false);
        return page.Services.Count > 0 && page.SourceFailures == page.Services.Count ? ExitCodes.SourceFailed : ExitCodes.Answered;
    }

    private static async Task<int> BadAsync(TextWriter stderr, string message)
    {
        await stderr.WriteLineAsync(message + Environment.NewLine + UsageLine).ConfigureAwait(false);
        return ExitCodes.BadCommand;
    }
}
