using Microsoft.Extensions.Options;
using SloBot.Chat.ActionItems;
using SloBot.Chat.Conversations;
using SloBot.Chat.Documents;
using SloBot.Chat.Retrospectives;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Planning;
using SloBot.Core.Sli;

namespace SloBot.Chat.Planning;

/// <summary>
/// Gathers a quarter's plan from data: each catalog SLO's achieved SLI over the calendar quarter before the planned one
/// (up to now while it runs) and over the quarter before that, both from the SLI source in one batched count each; its
/// hourly history for the budget-consuming episodes; the quarter's published retrospectives; the open action items.
/// </summary>
internal sealed class QuarterPlanReader(
    ISloCatalog catalog,
    ISliSource source,
    PublishedDocuments<RetrospectiveDocument> retros,
    IActionItemStore actions,
    IOptions<ConversationOptions> options,
    TimeProvider time)
{
    public static readonly TimeSpan EpisodeStep = TimeSpan.FromHours(1);

    public TimeZoneInfo Zone => options.Value.Zone;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The quarter <c>/slo plan</c> plans without an argument.</summary>
    public Quarter DefaultQuarter => Quarter.NextAfter(Now, Zone);

    /// <summary>Null when <paramref name="planned"/> can be planned; else why not (its quarter to review has not started).</summary>
    public string? Refusal(Quarter planned) => planned.Previous.Start(Zone) < Now ? null
        : $"{planned} cannot be planned yet: the quarter it reviews, {planned.Previous}, has not started. Plan {DefaultQuarter} (the next quarter, the default) or an earlier one.";

    /// <summary>
    /// The review, proposals and roadmap material for <paramref name="planned"/>; <paramref name="ratings"/> are the team's
    /// estimates by initiative key (<see cref="PlanInitiative"/>). Throws <see cref="SliSourceException"/> when the source fails as a whole.
    /// </summary>
    public async Task<QuarterPlanDraft> ReadAsync(Quarter planned, IReadOnlyDictionary<string, InitiativeRating> ratings, CancellationToken cancellationToken)
    {
        var zone = Zone;
        var now = Now;
        var reviewed = Counted(planned.Previous, zone, now);
        var before = Counted(planned.Previous.Previous, zone, now);
        var slos = catalog.Services.SelectMany(s => s.Slos).ToArray();
        var current = await CountAsync(slos, reviewed, cancellationToken).ConfigureAwait(false);
        var earlier = await CountAsync(slos, before, cancellationToken).ConfigureAwait(false);
        var quarterRetros = await retros.ListAsync(reviewed.Start, reviewed.CountedUntil, cancellationToken).ConfigureAwait(false);

        var rows = new List<SloQuarter>();
        foreach (var slo in slos)
        {
            var retroRows = quarterRetros.Where(r => r.Services.Contains(slo.Service, StringComparer.OrdinalIgnoreCase))
                .Select(r => new QuarterRetro(r.Id, r.IncidentId, r.Start, r.Duration.TotalSeconds, r.WorstBudgetConsumed)).ToArray();
            if (current.Failure(slo) is { } failure)
            {
                rows.Add(new SloQuarter(slo, EventCounts.None, null, null, null, null, [], retroRows, null, null, failure));
                continue;
            }

            var counts = current.Of(slo);
            if (!counts.HasEvents)
            {
                rows.Add(new SloQuarter(slo, counts, null, null, null, null, [], retroRows, null, null, null));
                continue;
            }

            var achieved = SloPerformance.Percent(1 - counts.ErrorRatio);
            double? beforePercent = earlier.Failure(slo) is null && earlier.Of(slo) is { HasEvents: true } b ? SloPerformance.Percent(1 - b.ErrorRatio) : null;
            var target = SloPerformance.Percent(slo.Target);
            var proposal = TargetProposals.Propose(target, achieved);
            var episodes = await EpisodesAsync(slo, reviewed, cancellationToken).ConfigureAwait(false);
            rows.Add(new SloQuarter(slo, counts, achieved, BudgetMath.Consumed(counts, slo.Target), beforePercent, QuarterTrends.Of(beforePercent, achieved),
                episodes, retroRows, proposal, BudgetImpact.Of(target, proposal.ProposedPercent, slo.Window), null));
        }

        var work = new List<PlanInitiative>();
        foreach (var row in rows.Where(r => r.Proposal is { } p && ReliabilityRoadmap.NeedsWork(p)))
        {
            var key = PlanInitiative.GapKey(row.Slo.Service, row.Slo.Name);
            var rating = ratings.GetValueOrDefault(key);
            var gap = ReliabilityRoadmap.Gap(row.Proposal!);
            work.Add(new PlanInitiative(key, InitiativeSource.Gap, $"Reach {PlanText.Percent(row.Proposal!.ProposedPercent)} on {row.Slo.Service} {row.Slo.Name} (achieved {PlanText.Percent(row.AchievedPercent!.Value)})",
                row.Slo.Service, row.Slo.Name, rating?.ImpactPoints ?? gap, rating?.EffortWeeks));
        }

        foreach (var item in await actions.ListAsync(openOnly: true, cancellationToken).ConfigureAwait(false))
        {
            var key = PlanInitiative.ActionKey(item.Id);
            var rating = ratings.GetValueOrDefault(key);
            work.Add(new PlanInitiative(key, InitiativeSource.ActionItem, $"#{item.Id} {item.Task} ({item.SourceTitle})", null, null, rating?.ImpactPoints, rating?.EffortWeeks));
        }

        return new QuarterPlanDraft(planned, zone.Id, planned.Start(zone), planned.End(zone), reviewed, before, rows, work);
    }

    private static CountedQuarter Counted(Quarter q, TimeZoneInfo zone, DateTimeOffset now)
    {
        var (start, end) = (q.Start(zone), q.End(zone));
        var until = now < end ? now : end;
        // Whole seconds, at least one: the window Prometheus is asked for.
        var seconds = Math.Max(1, (long)Math.Floor((until - start).TotalSeconds));
        return new CountedQuarter(q, start, end, start + TimeSpan.FromSeconds(seconds));
    }

    private async Task<QuarterCounts> CountAsync(IReadOnlyList<SloDefinition> slos, CountedQuarter q, CancellationToken cancellationToken)
    {
        if (slos.Count == 0)
            return new QuarterCounts(new SliCounts(), q.Counted);
        var counts = await source.CountAsync(slos, [q.Counted], q.CountedUntil, cancellationToken).ConfigureAwait(false);
        foreach (var slo in slos.Where(s => counts.FailureOf(s.Id) is null))
        {
            if (BudgetMath.Impossibility(counts.Get(slo.Id, q.Counted)) is { } problem)
                counts.Fail(slo.Id, BudgetMath.ImpossibleValue(slo, q.Counted, problem));
        }

        return new QuarterCounts(counts, q.Counted);
    }

    private async Task<IReadOnlyList<QuarterEpisode>> EpisodesAsync(SloDefinition slo, CountedQuarter q, CancellationToken cancellationToken)
    {
        if (slo.TimeSlices is not null)
            return []; // a time-slice SLO counts slices, not events
        try
        {
            var buckets = await source.SeriesAsync(slo, q.Start, q.CountedUntil, EpisodeStep, cancellationToken).ConfigureAwait(false);
            if (buckets.Any(b => !b.Missing && BudgetMath.Impossibility(b.Counts) is not null))
                return [];
            return BudgetEpisodes.Find(slo, buckets, EpisodeStep, q.CountedUntil, q.Start, q.CountedUntil, q.Counted)
                .Select(e => new QuarterEpisode(e.Start, e.End, e.BadEvents, e.BudgetConsumed)).ToArray();
        }
        catch (SliSourceException)
        {
            return []; // the history costs the episodes, never the review
        }
    }

    private sealed record QuarterCounts(SliCounts All, TimeSpan Window)
    {
        public string? Failure(SloDefinition slo) => All.FailureOf(slo.Id);

        public EventCounts Of(SloDefinition slo) => All.Get(slo.Id, Window);
    }
}

/// <summary>The team's estimate of one initiative: SLI points gained, engineer-weeks.</summary>
public sealed record InitiativeRating(double? ImpactPoints, double? EffortWeeks);
