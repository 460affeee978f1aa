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
    string? RecoveryProblem)
{
    /// <summary>The SLO with the least budget left: it sets the status.</summary>
    public ErrorBudget Worst => Budgets.OrderBy(b => b.Remaining).First();
}

/// <summary>
/// Makes and records a release decision: live budgets of every SLO of the service (the worst decides the status),
/// the document's risk score and matrix, and for defer/block when the budget comes back.
/// </summary>
public sealed partial class ReleaseDecider(BudgetQuery budgets, ISliSource source, IReleaseDecisionLog log, ILogger<ReleaseDecider> logger)
{
    /// <summary>Per-bucket history for the recovery date: hourly up to a 90-day window, coarser beyond (≤ 2,160 buckets).</summary>
    public static TimeSpan HistoryStep(TimeSpan window) =>
        window <= TimeSpan.FromDays(90) ? TimeSpan.FromHours(1) : TimeSpan.FromHours(Math.Ceiling(window.TotalHours / 2160));

    /// <summary>Throws <see cref="SliSourceException"/> when the budgets cannot be read; nothing is recorded then.</summary>
    public async Task<ReleaseOutcome> DecideAsync(
        ServiceDefinition service, string version, ReleaseInfo info, ChatUser user, ConversationKey where, CancellationToken cancellationToken)
    {
        var results = await budgets.EvaluateAsync(service.Slos, cancellationToken).ConfigureAwait(false);
        var worst = results.OrderBy(b => b.Remaining).First();
        var risk = ReleaseRisk.Assess(info);
        var cell = DecisionMatrix.Decide(worst.Status, risk.Level);
        IReadOnlyList<BudgetRecovery> recoveries = [];
        string? problem = null;
        if (cell.Action.Stops())
            (recoveries, problem) = await RecoverAsync(results, worst.At, cancellationToken).ConfigureAwait(false);

        var snapshot = new BudgetSnapshot(
            worst.Status,
            worst.Remaining,
            worst.Slo.Name,
            results.Select(b => new SloBudgetSnapshot(b.Slo.Name, b.Slo.Target, SloWindow.Format(b.Slo.Window), b.Status, b.Remaining, b.Period.Good, b.Period.Total)).ToArray());
        var record = new ReleaseDecisionRecord(
            NewId(), service.Name, version, worst.At, user, where, info, risk.Score, risk.Level, snapshot, cell.Action, cell.Conditions,
            ReleaseText.Rationale(worst, results.Count, risk, info, cell.Action));
        await log.AppendAsync(record, cancellationToken).ConfigureAwait(false);
        LogDecided(logger, record.Id, service.Name, version, cell.Action.ToWord(), worst.Status.ToWord(), risk.Level.ToWord());
        return new ReleaseOutcome(record, service, risk, results, recoveries, problem);
    }

    private async Task<(IReadOnlyList<BudgetRecovery>, string?)> RecoverAsync(IReadOnlyList<ErrorBudget> results, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var perSlo = new List<(BudgetStatus, IReadOnlyList<BudgetRecovery>)>();
        try
        {
            foreach (var b in results.Where(b => b.Status != BudgetStatus.Healthy))
            {
                var step = HistoryStep(b.Slo.Window);
                var buckets = await source.SeriesAsync(b.Slo, now - b.Slo.Window, now, step, cancellationToken).ConfigureAwait(false);
                if (BudgetRecoveryProjection.CannotTell(buckets, step, b.Slo.Window, now, b.Period) is { } gap)
                    return ([], $"{gap} ({b.Slo.Name})");
                perSlo.Add((b.Status, BudgetRecoveryProjection.Project(buckets, step, b.Slo.Target, b.Slo.Window, now, b.Status)));
            }
        }
        catch (SliSourceException ex)
        {
            LogHistoryFailed(logger, ex.Message);
            return ([], $"the event history could not be read ({ex.Message})");
        }

        return (BudgetRecoveryProjection.Combine(perSlo, now), null);
    }

    /// <summary>"R-3F9A1C07": short enough to type, random so replicas never collide.</summary>
    private static string NewId() => "R-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4));

    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Release decision {DecisionId}: {Service} {Version} → {Action} (budget {Status}, risk {Risk})")]
    private static partial void LogDecided(ILogger logger, string decisionId, string service, string version, string action, string status, string risk);

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "Release decision without a recovery date: event history unavailable: {Reason}")]
    private static partial void LogHistoryFailed(ILogger logger, string reason);
}
