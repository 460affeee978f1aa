using SloBot.Core.Budgets;

namespace SloBot.Chat.Budgets;

/// <summary>
/// The <c>--json</c> contract of a budget reply (README, "JSON output"). Ratios are 0–1, times ISO-8601 UTC. Without
/// events in the window: status "nodata", and sli, errorBudget, burnRates and projectedExhaustion null.
/// </summary>
public sealed record BudgetSloData(
    string Service,
    string Slo,
    double Target,
    string Window,
    double WindowSeconds,
    double? Sli,
    double GoodEvents,
    double TotalEvents,
    ErrorBudgetData? ErrorBudget,
    IReadOnlyDictionary<string, double>? BurnRates,
    string Status,
    string Trend,
    DateTimeOffset? ProjectedExhaustion)
{
    public static BudgetSloData From(ErrorBudget b) => new(
        b.Slo.Service,
        b.Slo.Name,
        b.Slo.Target,
        SloWindow.Format(b.Slo.Window),
        b.Slo.Window.TotalSeconds,
        b.Sli,
        b.Period.Good,
        b.Period.Total,
        b.HasData ? new ErrorBudgetData(b.Consumed!.Value, b.Remaining!.Value, b.RemainingTime!.Value.TotalSeconds) : null,
        b.HasData ? b.BurnRates.ToDictionary(r => SloWindow.Format(r.Window), r => r.Rate) : null,
        b.Status.ToWord(),
        b.Trend().ToWords(),
        b.ProjectedExhaustion?.ToUniversalTime());
}

/// <summary>Shares of the budget (remaining may be negative) and the remaining budget in seconds of full outage.</summary>
public sealed record ErrorBudgetData(double Consumed, double Remaining, double RemainingSeconds);
