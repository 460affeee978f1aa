using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SloBot.Chat.Replies;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;

namespace SloBot.Chat.Budgets;

/// <summary>Draws burn-down lines as an image. The host provides one (PNG); without it budgets come without a chart.</summary>
public interface IBurnDownRenderer
{
    ReplyAttachment Render(string fileName, string title, IReadOnlyList<BurnDownLine> lines);
}

/// <summary>
/// The burn-down chart of <c>/slo budget</c>: each SLO's history from the SLI source (one series call per SLO, in
/// parallel), drawn once per service and minute however many people ask at once. A source that cannot give the
/// history costs the chart, never the budget.
/// </summary>
public sealed partial class BurnDownCharts(ISliSource source, TimeProvider time, ILogger<BurnDownCharts> logger, IBurnDownRenderer? renderer = null)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ReplyAttachment?>>> _drawn = new();

    public Task<ReplyAttachment?> ForAsync(ServiceDefinition service, IReadOnlyList<SloDefinition> slos, CancellationToken cancellationToken)
    {
        if (renderer is null || slos.Count == 0)
            return Task.FromResult<ReplyAttachment?>(null);
        var now = time.GetUtcNow();
        var minute = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() / 60 * 60);
        var stamp = minute.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var old in _drawn.Keys.Where(k => !k.StartsWith(stamp + "|", StringComparison.Ordinal)))
            _drawn.TryRemove(old, out _);
        var key = $"{stamp}|{service.Name}|{string.Join(',', slos.Select(s => s.Name))}";
        // Shared by everyone asking this minute, so it runs on its own: one person's cancellation must not cancel it.
        var drawing = _drawn.GetOrAdd(key, _ => new Lazy<Task<ReplyAttachment?>>(() => DrawAsync(service, slos, minute))).Value;
        return drawing.WaitAsync(cancellationToken);
    }

    private async Task<ReplyAttachment?> DrawAsync(ServiceDefinition service, IReadOnlyList<SloDefinition> slos, DateTimeOffset end)
    {
        try
        {
            var lines = await Task.WhenAll(slos.Select(async slo =>
            {
                var start = slo.PeriodAt(end).Start;
                var buckets = await source.SeriesAsync(slo, start, end, BurnDown.Step(end - start), CancellationToken.None).ConfigureAwait(false);
                return BurnDown.Compute(slo, buckets, end);
            })).ConfigureAwait(false);
            var drawn = lines.OfType<BurnDownLine>().ToArray();
            return drawn.Length == 0 ? null : renderer!.Render($"burn-down-{service.Name}.png", $"Error budget burn-down · {service.Name}", drawn);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogChartFailed(logger, service.Name, ex.Message);
            return null;
        }
    }

    /// <summary>What the chart shows, for people who cannot see it.</summary>
    public static string AltText(ServiceDefinition service, IReadOnlyList<ErrorBudget> budgets) =>
        $"Burn-down of the {service.Name} error budgets over their windows: " +
        string.Join("; ", budgets.Select(b => $"{b.Slo.Name} {BudgetFormat.Percent(b.Remaining)} left of {BudgetFormat.WindowWords(b)}")) +
        ". The dashed line is an even burn (burn rate 1×).";

    [LoggerMessage(EventId = 210, Level = LogLevel.Warning, Message = "No burn-down chart for {Service}: {Reason}")]
    private static partial void LogChartFailed(ILogger logger, string service, string reason);
}
