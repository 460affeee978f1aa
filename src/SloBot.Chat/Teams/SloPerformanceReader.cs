using SloBot.Chat.Budgets;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;

namespace SloBot.Chat.Teams;

/// <summary>
/// Seed 004's <c>slo_performance</c> from live budgets: every catalog SLO with events in its window, its SLI and
/// target in percent. SLOs without data (no events, or the SLI source refused their query) are left out and listed.
/// </summary>
internal sealed class SloPerformanceReader(ISloCatalog catalog, BudgetQuery budgets)
{
    public async Task<SloPerformances> ReadAsync(CancellationToken cancellationToken)
    {
        var all = await budgets.EvaluateAsync(catalog.Services.SelectMany(s => s.Slos).ToArray(), cancellationToken).ConfigureAwait(false);
        var counted = all.Where(b => b.Sli is not null).Select(b => new MeasuredSlo(b.Slo, SloPerformance.FromRatios(b.Sli!.Value, b.Slo.Target))).ToArray();
        return new SloPerformances(counted, all.Where(b => b.Sli is null).Select(b => b.Slo).ToArray());
    }
}

/// <summary>An SLO and how it performs (percent).</summary>
internal sealed record MeasuredSlo(SloDefinition Slo, SloPerformance Performance)
{
    public double GapPoints => Performance.Actual - Performance.Target;

    public object ToData() => new { service = Slo.Service, slo = Slo.Name, sliPercent = Performance.Actual, targetPercent = Performance.Target, gapPoints = GapPoints };
}

/// <summary>The SLOs with data, in catalog order, and those without.</summary>
internal sealed record SloPerformances(IReadOnlyList<MeasuredSlo> Counted, IReadOnlyList<SloDefinition> WithoutData)
{
    public IReadOnlyList<SloPerformance> Values => Counted.Select(c => c.Performance).ToArray();

    /// <summary>"2 SLOs without data left out: cart availability, search latency." or "".</summary>
    public string WithoutDataText() => WithoutData.Count == 0 ? ""
        : $"{Humanizer.ToQuantityExtensions.ToQuantity("SLO", WithoutData.Count)} without data left out: {string.Join(", ", WithoutData.Select(s => $"{s.Service} {s.Name}"))}.";

    public object[] WithoutDataData() => WithoutData.Select(s => (object)new { service = s.Service, slo = s.Name }).ToArray();
}
