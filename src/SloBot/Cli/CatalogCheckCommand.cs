using System.Globalization;
using System.Text.Json;
using Humanizer;
using Microsoft.Extensions.Configuration;
using SloBot.Catalog;
using SloBot.Chat.Replies;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Hosting;
using SloBot.Sli.Prometheus;

namespace SloBot.Cli;

/// <summary>
/// <c>slobot catalog check [DIR] [--json]</c>: loads a catalog folder exactly as the bot does and prints every SLO
/// understood (with the PromQL for 1 h and for its window) and every problem and note. Exit 0 clean, 1 when a file or
/// SLO was refused, 2 on bad usage. Needs no storage and no Prometheus.
/// </summary>
internal static class CatalogCheckCommand
{
    public const string UsageLine = "Usage: slobot catalog check [DIR] [--json]   (DIR defaults to SloBot:Catalog:Path)";

    public static async Task<int> RunAsync(CliArguments cli, TextWriter stdout, TextWriter stderr, TimeProvider time)
    {
        if (cli.Words.Count is 0 or > 2 || !cli.Words[0].Equals("check", StringComparison.OrdinalIgnoreCase))
        {
            await stderr.WriteLineAsync(UsageLine).ConfigureAwait(false);
            return ExitCodes.BadCommand;
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. cli.ConfigArgs])
            .Build();
        var options = new SloBotOptions();
        configuration.GetSection(SloBotOptions.Section).Bind(options);
        var folder = cli.Words.Count == 2 ? cli.Words[1] : options.Catalog.Path;
        if (string.IsNullOrWhiteSpace(folder))
        {
            await stderr.WriteLineAsync("No catalog folder: give DIR or set SloBot:Catalog:Path." + Environment.NewLine + UsageLine).ConfigureAwait(false);
            return ExitCodes.BadCommand;
        }

        if (!Directory.Exists(folder))
        {
            await stderr.WriteLineAsync($"No folder '{folder}' (full path: {Path.GetFullPath(folder)})." + Environment.NewLine + UsageLine).ConfigureAwait(false);
            return ExitCodes.BadCommand;
        }

        if (!SloWindow.TryParse(options.Catalog.DefaultWindow, out var defaultWindow) || defaultWindow < TimeSpan.FromHours(1))
        {
            await stderr.WriteLineAsync($"SloBot:Catalog:DefaultWindow '{options.Catalog.DefaultWindow}' is not a window such as 30d.").ConfigureAwait(false);
            return ExitCodes.BadCommand;
        }

        var catalog = new FileSloCatalog(folder, defaultWindow);
        var findings = catalog.Problems.Concat(catalog.Notes)
            .OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line ?? 0).ThenBy(p => p.Severity)
            .ToArray();
        var refused = findings.Any(p => p.Severity == CatalogSeverity.Error);
        var slos = catalog.Services.SelectMany(s => s.Slos).ToArray();
        var now = time.GetUtcNow();
        if (cli.Json)
            await stdout.WriteLineAsync(JsonSerializer.Serialize(Json(catalog, slos, findings, now), JsonOutput.Options)).ConfigureAwait(false);
        else
            await WriteTextAsync(stdout, catalog, slos, findings, now).ConfigureAwait(false);
        return refused ? ExitCodes.SourceFailed : ExitCodes.Answered;
    }

    private static object Json(FileSloCatalog catalog, SloDefinition[] slos, CatalogProblem[] findings, DateTimeOffset now) => new
    {
        folder = catalog.Folder,
        services = catalog.Services.Count,
        counts = new
        {
            slos = slos.Length,
            errors = findings.Count(p => p.Severity == CatalogSeverity.Error),
            warnings = findings.Count(p => p.Severity == CatalogSeverity.Warning),
            notes = findings.Count(p => p.Severity == CatalogSeverity.Note),
        },
        slos = slos.Select(s => new
        {
            service = s.Service,
            slo = s.Name,
            target = s.Target,
            windowKind = s.WindowKind(),
            window = s.WindowText(),
            windowSeconds = s.PeriodAt(now).Length.TotalSeconds,
            periodStart = s.Calendar is null ? (DateTimeOffset?)null : s.PeriodAt(now).Start.ToUniversalTime(),
            resetsAt = s.PeriodAt(now).ResetsAt?.ToUniversalTime(),
            budgetingMethod = s.BudgetingMethod(),
            timeSliceSeconds = s.TimeSlices?.Slice.TotalSeconds,
            timeSliceTarget = s.TimeSlices?.SliceTarget,
            sliKind = s.SliKind(),
            eventCounts = !s.Indicator.RatioOnly,
            latencyThreshold = s.Indicator.Latency?.Seconds,
            file = s.SourceFile,
            line = s.SourceLine,
            queries = Windows(s, now).ToDictionary(w => w.Label, w => Queries(s, w.Window)),
        }).ToArray(),
        problems = findings.Select(p => new { file = p.File, line = p.Line, field = p.Field, message = p.Message, hint = p.Hint, severity = p.Severity.Word() }).ToArray(),
    };

    private static async Task WriteTextAsync(TextWriter o, FileSloCatalog catalog, SloDefinition[] slos, CatalogProblem[] findings, DateTimeOffset now)
    {
        var errors = findings.Count(p => p.Severity == CatalogSeverity.Error);
        var warnings = findings.Count(p => p.Severity == CatalogSeverity.Warning);
        var notes = findings.Count(p => p.Severity == CatalogSeverity.Note);
        await o.WriteLineAsync($"Catalog {catalog.Folder}: {"service".ToQuantity(catalog.Services.Count)}, {"SLO".ToQuantity(slos.Length)}, " +
            $"{"error".ToQuantity(errors)}, {"warning".ToQuantity(warnings)}, {"note".ToQuantity(notes)}.").ConfigureAwait(false);
        foreach (var s in slos)
        {
            await o.WriteLineAsync().ConfigureAwait(false);
            var slices = s.TimeSlices is { } t ? $" (slices of {SloWindow.Format(t.Slice)}{(t.SliceTarget is { } st ? $", good at ≥ {Percent(st)}" : "")})" : "";
            var latency = s.Indicator.Latency is { } l ? $" ({l.Op} {l.Seconds.ToString(CultureInfo.InvariantCulture)})" : "";
            await o.WriteLineAsync($"{s.Service}/{s.Name}  target {Percent(s.Target)}  {s.WindowKind()} {s.WindowText()}  {s.BudgetingMethod()}{slices}  " +
                $"SLI {s.SliKind()}{latency}{(s.Indicator.RatioOnly ? " (no event counts)" : "")}  [{s.SourceFile}:{s.SourceLine}]").ConfigureAwait(false);
            if (s.Calendar is not null)
            {
                var period = s.PeriodAt(now);
                await o.WriteLineAsync($"  period so far: since {period.Start.ToUniversalTime():yyyy-MM-dd HH:mm} UTC ({period.CountWindow.Humanize(2, maxUnit: TimeUnit.Day, minUnit: TimeUnit.Minute)}), " +
                    $"resets {period.ResetsAt!.Value.ToUniversalTime():yyyy-MM-dd HH:mm} UTC; the whole period is {period.Length.Humanize(2, maxUnit: TimeUnit.Day, minUnit: TimeUnit.Hour)}").ConfigureAwait(false);
            }

            foreach (var (label, window) in Windows(s, now))
            {
                var (good, bad, total) = PromQlPreview.ForSlo(s, window);
                var padded = label.PadRight(Math.Max(4, label.Length));
                await o.WriteLineAsync($"  {padded} {(good is null ? "bad  " : "good ")} {good ?? bad}").ConfigureAwait(false);
                await o.WriteLineAsync($"  {new string(' ', padded.Length)} total  {total}").ConfigureAwait(false);
            }
        }

        foreach (var (severity, title) in new[] { (CatalogSeverity.Error, "Refused"), (CatalogSeverity.Warning, "Warnings"), (CatalogSeverity.Note, "Notes") })
        {
            var list = findings.Where(p => p.Severity == severity).ToArray();
            if (list.Length == 0)
                continue;
            await o.WriteLineAsync().ConfigureAwait(false);
            await o.WriteLineAsync($"{title}:").ConfigureAwait(false);
            foreach (var p in list)
            {
                await o.WriteLineAsync($"  {p.Where}: {p.Field}: {p.Message}").ConfigureAwait(false);
                if (p.Hint is not null)
                    await o.WriteLineAsync($"      hint: {p.Hint}").ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// 1 h and the window a budget counts now: the rolling window, or for a calendar SLO the period so far (from its start
    /// in its zone to now, labelled "period"), exactly what <c>/slo budget</c> would send at this instant.
    /// </summary>
    private static (string Label, TimeSpan Window)[] Windows(SloDefinition s, DateTimeOffset now) => s.Calendar is null
        ? new[] { SloWindow.OneHour, s.Window }.Distinct().Select(w => (SloWindow.Format(w), w)).ToArray()
        : [(SloWindow.Format(SloWindow.OneHour), SloWindow.OneHour), ("period", s.CountWindowAt(now))];

    private static object Queries(SloDefinition s, TimeSpan window)
    {
        if (s.Indicator.Total.Length == 0)
            return new { };
        var (good, bad, total) = PromQlPreview.ForSlo(s, window);
        return new { good, bad, total };
    }

    private static string Percent(double ratio) => (ratio * 100).ToString("0.#####", CultureInfo.InvariantCulture) + " %";
}
