using Microsoft.Extensions.Options;
using SloBot.Chat.Alerts;
using SloBot.Chat.Documents;
using SloBot.Chat.Releases;
using SloBot.Chat.Reviews;
using SloBot.Chat.Schedules;
using SloBot.Chat.Tiers;
using SloBot.Core.Catalog;
using SloBot.Core.Maturity;
using SloBot.Core.Tiers;

namespace SloBot.Chat.Maturity;

/// <summary>
/// The maturity criteria SloBot measures: SLO coverage of the catalog (critical services by their effective tier),
/// release decisions recorded, published weekly reviews, burn-rate alerts and scheduled posts configured. A capability
/// that is not registered counts as nothing recorded.
/// </summary>
internal sealed class MaturityEvidenceReader(
    ISloCatalog catalog,
    TimeProvider time,
    IOptions<AlertOptions> alerts,
    IOptions<ScheduleOptions> schedules,
    ITierAdoptions? adoptions = null,
    IReleaseDecisionLog? decisions = null,
    PublishedDocuments<WeeklyReviewDocument>? reviews = null)
{
    private const int MaxDecisions = 100_000;

    public async Task<(MaturityEvidence Evidence, DateTimeOffset At)> ReadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var services = catalog.Services;
        var critical = new List<ServiceDefinition>();
        foreach (var s in services)
        {
            var tier = adoptions is null
                ? (ServiceTierNames.TryParse(s.Tier, out var t) ? t : (ServiceTier?)null)
                : (await adoptions.EffectiveTierAsync(s.Name, s.Tier, cancellationToken).ConfigureAwait(false)).Tier;
            if (tier == ServiceTier.Critical)
                critical.Add(s);
        }

        var decisionTimes = decisions is null
            ? []
            : (await decisions.ListAsync(null, now - (MaturityEvidence.DecisionPeriod * MaturityEvidence.DecisionPeriods), cancellationToken, MaxDecisions).ConfigureAwait(false))
                .Select(d => d.DecidedAt).Where(t => t <= now).ToArray();
        var reviewTimes = reviews is null
            ? []
            : (await reviews.ListAsync(now - (MaturityEvidence.ReviewPeriod * MaturityEvidence.ReviewPeriods), now.AddTicks(1), cancellationToken).ConfigureAwait(false))
                .Select(r => r.PublishedAt).ToArray();
        var evidence = new MaturityEvidence(
            services.Count,
            services.Count(s => s.Slos.Count > 0),
            services.Sum(s => s.Slos.Count),
            critical.Count,
            critical.Count(s => s.Slos.Count > 0),
            decisionTimes.Length,
            MaturityEvidence.PeriodsWithAny(decisionTimes, now, MaturityEvidence.DecisionPeriod, MaturityEvidence.DecisionPeriods),
            reviewTimes.Length,
            MaturityEvidence.PeriodsWithAny(reviewTimes, now, MaturityEvidence.ReviewPeriod, MaturityEvidence.ReviewPeriods),
            !string.IsNullOrWhiteSpace(alerts.Value.Channel),
            Enum.GetValues<ScheduledPostKind>().Count(k => !string.IsNullOrWhiteSpace(schedules.Value.For(k).Channel)));
        return (evidence, now);
    }
}
