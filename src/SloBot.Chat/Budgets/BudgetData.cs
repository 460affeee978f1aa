using SloBot.Core.Budgets;

namespace SloBot.Chat.Budgets;

/// <summary>The <c>--json</c> contract of a budget reply (README, "JSON output"). Ratios are 0–1, times ISO-8601 UTC.</summary>
public sealed record BudgetSloData(
    string Service,
    string Slo,
    double Target,
    string Window,
    double WindowSeconds,
    double? Sli,
    double GoodEvents,
    double TotalEvents,
    ErrorBudgetData ErrorBudget,
    IReadOnlyDictionary<string, double> BurnRates,
    string Status,
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
        new ErrorBudgetData(b.Consumed, b.Remaining, b.RemainingTime.TotalSeconds),
        b.BurnRates.ToDictionary(r => SloWindow.Format(r.Window), r => r.Rate),
        b.Status.ToWord(),
        b.ProjectedExhaustion?.ToUniversalTime());
}

/// <summary>Shares of the budget (remaining may be negative) and the remaining budget in seconds of full outage.</summary>
public sealed record ErrorBudgetData(double Consumed, double Remaining, double RemainingSeconds);
