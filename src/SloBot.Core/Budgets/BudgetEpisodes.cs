using SloBot.Core.Catalog;
using SloBot.Core.Design;
using SloBot.Core.Sli;

namespace SloBot.Core.Budgets;

/// <summary>
/// A period the hourly history shows burning faster than the design's page rule: an incident from the data, whether
/// or not anyone wrote a retrospective for it (issue 12 item 8).
/// </summary>
/// <param name="Start">Start of the first hour above the page factor.</param>
/// <param name="End">End of the last such hour.</param>
/// <param name="BadEvents">Bad events in those hours.</param>
/// <param name="BudgetConsumed">Those bad events as a share (0–1) of the window's budget: bad ÷ ((1 − target) × events in the window).</param>
public sealed record BudgetEpisode(SloId Slo, DateTimeOffset Start, DateTimeOffset End, double BadEvents, double BudgetConsumed)
{
    /// <summary>Seed 004 "When to conduct": an incident that consumed more than 10 % of the error budget gets a retrospective.</summary>
    public const double RetroThreshold = 0.10;

    public bool WarrantsRetro => BudgetConsumed > RetroThreshold;
}

public static class BudgetEpisodes
{
    /// <summary>
    /// The episodes overlapping [<paramref name="from"/>, <paramref name="to"/>) in an SLO's history (buckets of
    /// <paramref name="step"/>, the window ending at <paramref name="end"/>): hours whose burn rate exceeds the page
    /// factor, merged when less than an hour apart. Missing buckets break an episode and never count.
    /// <paramref name="period"/>: the span before <paramref name="end"/> whose budget the shares are of (a calendar quarter
    /// for planning); default the SLO's window. The page factor is always the SLO window's.
    /// </summary>
    public static IReadOnlyList<BudgetEpisode> Find(SloDefinition slo, IReadOnlyList<EventBucket> buckets, TimeSpan step, DateTimeOffset end, DateTimeOffset from, DateTimeOffset to, TimeSpan? period = null)
    {
        var allowed = 1 - slo.Target;
        var span = period ?? slo.Window;
        var inWindow = buckets.Where(b => !b.Missing && b.End > end - span && b.End <= end).OrderBy(b => b.End).ToArray();
        var budget = allowed * inWindow.Sum(b => b.Counts.Total);
        if (!(allowed > 0) || !(budget > 0))
            return [];
        var factor = BurnRateAlerts.For(slo.Window).First(a => a.Severity == "page").Factor;
        var hot = inWindow.Where(b => b.Counts.HasEvents && b.Counts.ErrorRatio / allowed > factor).ToArray();
        var episodes = new List<BudgetEpisode>();
        foreach (var b in hot)
        {
            var start = b.End - step;
            if (episodes.Count > 0 && start - episodes[^1].End < TimeSpan.FromHours(1))
                episodes[^1] = episodes[^1] with { End = b.End, BadEvents = episodes[^1].BadEvents + b.Counts.Bad };
            else
                episodes.Add(new BudgetEpisode(slo.Id, start, b.End, b.Counts.Bad, 0));
        }

        return episodes.Where(e => e.End > from && e.Start < to).Select(e => e with { BudgetConsumed = e.BadEvents / budget }).ToArray();
    }
}
