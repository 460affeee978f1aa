using SloBot.Core.Budgets;
using SloBot.Core.Sli;

namespace SloBot.Core.Releases;

/// <summary>A stretch of consecutive buckets that burned budget faster than 1× (error ratio above 1 − target).</summary>
/// <param name="Start">Start of its first bucket.</param>
/// <param name="End">End of its last bucket.</param>
public sealed record BudgetIncident(DateTimeOffset Start, DateTimeOffset End, double BadEvents);

/// <summary>
/// The budget is back in <see cref="Status"/> (or better) at <see cref="At"/> with <see cref="Remaining"/> left,
/// because old bad events left the rolling window; <see cref="Leaving"/> is the largest incident that left on the way.
/// </summary>
public sealed record BudgetRecovery(BudgetStatus Status, DateTimeOffset At, double Remaining, BudgetIncident? Leaving);

/// <summary>
/// When a budget returns to better bands if no further errors occur. Pure arithmetic over per-bucket counts.
/// <para>Assumption: from now on traffic keeps the window's mean rate (its total events ÷ its length) and every
/// new event is good. The window's bad events then only fall as buckets age out, while the total stays level —
/// the same as "no new errors at today's traffic". A bucket (spanning the step before its end e) leaves the window
/// completely at e + window; that is the instant we report, never earlier.</para>
/// </summary>
public static class BudgetRecoveryProjection
{
    /// <summary>The first instant each band better than <paramref name="current"/> is reached, best band last.</summary>
    /// <param name="buckets">Counts over the window ending at <paramref name="now"/>, any order; buckets outside it are ignored.</param>
    /// <param name="burn">
    /// The burn rate of the traffic to come: 0 (the default) for "no new errors", the current burn for "if it continues".
    /// </param>
    public static IReadOnlyList<BudgetRecovery> Project(
        IReadOnlyList<EventBucket> buckets, TimeSpan step, double target, TimeSpan window, DateTimeOffset now, BudgetStatus current, double burn = 0)
    {
        var inWindow = buckets.Where(b => b.End > now - window && b.End <= now).OrderBy(b => b.End).ToArray();
        var allowed = 1 - target;
        var incidents = FindIncidents(inWindow, step, allowed);
        var bad = inWindow.Sum(b => b.Counts.Bad);
        var total = inWindow.Sum(b => b.Counts.Total);
        var ratePerSecond = total / window.TotalSeconds;
        var found = new List<BudgetRecovery>();
        var best = current.Severity();
        var since = now;
        foreach (var bucket in inWindow)
        {
            bad -= bucket.Counts.Bad;
            total -= bucket.Counts.Total;
            var at = bucket.End + window;
            var coming = ratePerSecond * (at - now).TotalSeconds;
            var denominator = total + coming;
            var remaining = 1 - (denominator > 0 ? (Math.Max(0, bad) + (coming * burn * allowed)) / denominator : 0) / allowed;
            var status = BudgetStatusBands.Classify(remaining);
            if (status.Severity() >= best)
                continue;
            found.Add(new BudgetRecovery(status, at, remaining, LargestLeaving(incidents, since - window, bucket.End)));
            best = status.Severity();
            since = at;
        }

        return found;
    }

    /// <summary>
    /// Why the history cannot date a recovery, or null when it can. A bucket the source did not return is unknown, never
    /// zero events: the history can still be read when its known buckets hold the bad events the budget counts
    /// (<paramref name="period"/>, over the same window), otherwise it cannot tell.
    /// </summary>
    public static string? CannotTell(IReadOnlyList<EventBucket> buckets, TimeSpan step, TimeSpan window, DateTimeOffset now, EventCounts period)
    {
        var expected = HistoryGrid.BucketEnds(now - window, now, step).Count;
        var known = buckets.Where(b => !b.Missing && b.End > now - window && b.End <= now).ToArray();
        if (known.Length >= expected)
            return null;
        if (known.Length == 0)
            return "the SLI source returned no history for the window";
        var knownBad = known.Sum(b => b.Counts.Bad);
        return knownBad >= period.Bad * 0.99
            ? null
            : $"{expected - known.Length} of the window's {expected} buckets have no data in the SLI source's history, and the rest hold {knownBad:0} of the {period.Bad:0} bad events the budget counts";
    }

    /// <summary>
    /// For a service: the instant each band is reached by every one of its SLOs (the latest of theirs), from each SLO's
    /// status now and its projection. A band some SLO never reaches within its window is left out.
    /// </summary>
    public static IReadOnlyList<BudgetRecovery> Combine(IReadOnlyList<(BudgetStatus Current, IReadOnlyList<BudgetRecovery> Recoveries)> slos, DateTimeOffset now)
    {
        if (slos.Count == 0)
            return [];
        var worst = slos.Max(s => s.Current.Severity());
        var result = new List<BudgetRecovery>();
        for (var band = worst - 1; band >= 0; band--)
        {
            BudgetRecovery? latest = null;
            var reachable = true;
            foreach (var (current, recoveries) in slos)
            {
                if (current.Severity() <= band)
                    continue;
                var first = recoveries.FirstOrDefault(r => r.Status.Severity() <= band);
                if (first is null)
                {
                    reachable = false;
                    break;
                }

                if (latest is null || first.At > latest.At)
                    latest = first;
            }

            if (!reachable || latest is null)
                continue;
            var entry = latest with { Status = (BudgetStatus)band };
            if (result.Count > 0 && result[^1].At >= entry.At)
                result[^1] = entry; // reached at the same instant as the worse band: keep the better one
            else
                result.Add(entry);
        }

        return result.Where(r => r.At > now).ToArray();
    }

    /// <summary>Runs of buckets with an error ratio above <paramref name="allowedErrorRatio"/>, joined across one quiet bucket.</summary>
    public static IReadOnlyList<BudgetIncident> FindIncidents(IReadOnlyList<EventBucket> ordered, TimeSpan step, double allowedErrorRatio)
    {
        var incidents = new List<BudgetIncident>();
        foreach (var b in ordered)
        {
            if (!(b.Counts.HasEvents && b.Counts.ErrorRatio > allowedErrorRatio))
                continue;
            if (incidents.Count > 0 && b.End - incidents[^1].End <= step * 2)
                incidents[^1] = incidents[^1] with { End = b.End, BadEvents = incidents[^1].BadEvents + b.Counts.Bad };
            else
                incidents.Add(new BudgetIncident(b.End - step, b.End, b.Counts.Bad));
        }

        return incidents;
    }

    /// <summary>The incident with the most bad events among those whose buckets ended in (<paramref name="after"/>, <paramref name="upTo"/>].</summary>
    private static BudgetIncident? LargestLeaving(IReadOnlyList<BudgetIncident> incidents, DateTimeOffset after, DateTimeOffset upTo) =>
        incidents
            .Where(i => i.End > after && i.Start < upTo)
            .OrderByDescending(i => i.BadEvents)
            .ThenBy(i => i.Start)
            .FirstOrDefault();
}
