using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using SloBot.Chat.Budgets;
using SloBot.Chat.Events;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Releases;
using SloBot.Core.Sli;

namespace SloBot.Chat.Releases;

/// <summary>A decision as made: the stored record plus what the reply needs to explain it.</summary>
public sealed record ReleaseOutcome(
    ReleaseDecisionRecord Record,
    ServiceDefinition Service,
    RiskAssessment Risk,
    IReadOnlyList<ErrorBudget> Budgets,
    IReadOnlyList<BudgetRecovery> Recoveries,
    string? RecoveryProblem,
    IReadOnlyList<BudgetRecovery>? RecoveriesAtCurrentBurn = null)
{
    /// <summary>Evaluated with <c>dry-run</c>: nothing was recorded.</summary>
    public bool DryRun { get; init; }

    /// <summary>The SLO that sets the status: the one with the least budget left, or one without data.</summary>
    public ErrorBudget Worst => Budgets.FirstOrDefault(b => b.Slo.Name == Record.Budget.Slo) ?? Budgets.OrderBy(b => b.Remaining).First();
}

/// <summary>
/// Makes and records a release decision: live budgets of every SLO of the service (the worst decides the status),
/// the document's risk score and matrix, and for defer/block when the budget comes back.
/// </summary>
public sealed partial class ReleaseDecider(BudgetQuery budgets, ISliSource source, IReleaseDecisionLog log, ILogger<ReleaseDecider> logger, bool freezeWhileBurning = false)
{
    /// <summary>Per-bucket history for the recovery date: hourly up to a 90-day window, coarser beyond (≤ 2,160 buckets).</summary>
    public static TimeSpan HistoryStep(TimeSpan window) =>
        window <= TimeSpan.FromDays(90) ? TimeSpan.FromHours(1) : TimeSpan.FromHours(Math.Ceiling(window.TotalHours / 2160));

    /// <summary>
    /// Throws <see cref="SliSourceException"/> when the budgets cannot be read; nothing is recorded then. With
    /// <paramref name="record"/> false (dry-run) the decision is made the same way and not recorded.
    /// </summary>
    public async Task<ReleaseOutcome> DecideAsync(
        ServiceDefinition service, string version, ReleaseInfo info, ChatUser user, ConversationKey where, CancellationToken cancellationToken, bool record = true)
    {
        var results = await budgets.EvaluateAsync(service.Slos, cancellationToken).ConfigureAwait(false);
        // A gate never decides on an SLO it could not count (a refused query, an impossible value): exit 1, nothing recorded.
        if (results.FirstOrDefault(b => b.SourceError is not null) is { } failed)
            throw new SliSourceException(failed.SourceError!);
        var risk = ReleaseRisk.Assess(info);
        var verdict = ReleaseVerdict.Decide(results, risk.Level, freezeWhileBurning);
        var worst = verdict.Worst;
        IReadOnlyList<BudgetRecovery> recoveries = [], atBurn = [];
        string? problem = null;
        if (verdict.Action.Stops() && worst.HasData)
            (recoveries, atBurn, problem) = await RecoverAsync(results.Where(b => b.HasData).ToArray(), worst.At, cancellationToken).ConfigureAwait(false);

        var snapshot = new BudgetSnapshot(
            verdict.Status,
            verdict.Status == BudgetStatus.NoData ? null : worst.Remaining,
            worst.Slo.Name,
            results.Select(b => new SloBudgetSnapshot(b.Slo.Name, b.Slo.Target, b.Slo.WindowText(), b.Status, b.Remaining, b.Period.Good, b.Period.Total) { Burning = b.PageBurnActive }).ToArray());
        var decision = new ReleaseDecisionRecord(
            NewId(), service.Name, version, worst.At, user, where, info, risk.Score, risk.Level, snapshot, verdict.Action, verdict.Conditions,
            ReleaseText.Rationale(worst, results, risk, info, verdict.Action));
        if (record)
        {
            await log.AppendAsync(decision, cancellationToken).ConfigureAwait(false);
            LogDecided(logger, decision.Id, service.Name, version, verdict.Action.ToWord(), verdict.Status.ToWord(), risk.Level.ToWord());
        }

        return new ReleaseOutcome(decision, service, risk, results, recoveries, problem, atBurn) { DryRun = !record };
    }

    /// <summary>When each band is back: if no new errors occur, and if the current burn continues.</summary>
    private async Task<(IReadOnlyList<BudgetRecovery>, IReadOnlyList<BudgetRecovery>, string?)> RecoverAsync(IReadOnlyList<ErrorBudget> results, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var perSlo = new List<(BudgetStatus, IReadOnlyList<BudgetRecovery>)>();
        var perSloAtBurn = new List<(BudgetStatus, IReadOnlyList<BudgetRecovery>)>();
        try
        {
            foreach (var b in results.Where(b => b.Status != BudgetStatus.Healthy))
            {
                if (b.Span.IsCalendar)
                {
                    // A calendar budget counts the period so far: nothing ages out, and it is whole again at the reset.
                    perSlo.Add((b.Status, CalendarBudgetRecovery.Project(b.Period, b.Span, b.Slo.Target, b.Status)));
                    perSloAtBurn.Add((b.Status, CalendarBudgetRecovery.Project(b.Period, b.Span, b.Slo.Target, b.Status, b.CurrentBurn)));
                    continue;
                }

                var step = HistoryStep(b.Slo.Window);
                var buckets = await source.SeriesAsync(b.Slo, now - b.Slo.Window, now, step, cancellationToken).ConfigureAwait(false);
                foreach (var bucket in buckets.Where(x => !x.Missing))
                    BudgetQuery.ThrowIfImpossible(b.Slo, step, bucket.Counts);
                if (BudgetRecoveryProjection.CannotTell(buckets, step, b.Slo.Window, now, b.Period) is { } gap)
                    return ([], [], $"{gap} ({b.Slo.Name})");
                perSlo.Add((b.Status, BudgetRecoveryProjection.Project(buckets, step, b.Slo.Target, b.Slo.Window, now, b.Status)));
                perSloAtBurn.Add((b.Status, BudgetRecoveryProjection.Project(buckets, step, b.Slo.Target, b.Slo.Window, now, b.Status, b.CurrentBurn)));
            }
        }
        catch (SliSourceException ex)
        {
            LogHistoryFailed(logger, ex.Message);
            return ([], [], $"the event history could not be read ({ex.Message})");
        }

        return (BudgetRecoveryProjection.Combine(perSlo, now), BudgetRecoveryProjection.Combine(perSloAtBurn, now), null);
    }

    /// <summary>"R-3F9A1C07": short enough to type, random so replicas never collide.</summary>
    private static string NewId() => "R-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4));

    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Release decision {DecisionId}: {Service} {Version} → {Action} (budget {Status}, risk {Risk})")]
    private static partial void LogDecided(ILogger logger, string decisionId, string service, string version, string action, string status, string risk);

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "Release decision without a recovery date: event history unavailable: {Reason}")]
    private static partial void LogHistoryFailed(ILogger logger, string reason);
}
