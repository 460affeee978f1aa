using SloBot.Core.Catalog;
using SloBot.Core.Sli;

namespace SloBot.Core.Budgets;

/// <summary>The error budget of one SLO at one instant (notes §2.2: B = 1 − objective, C = error ratio ÷ B, R = 1 − C).</summary>
public sealed record ErrorBudget(
    SloDefinition Slo,
    DateTimeOffset At,
    EventCounts Period,
    IReadOnlyList<BurnRate> BurnRates,
    BudgetStatus Status,
    DateTimeOffset? ProjectedExhaustion)
{
    /// <summary>Good ÷ total over the SLO window; null when there were no events.</summary>
    public double? Sli => Period.HasEvents ? Period.Good / Period.Total : null;

    /// <summary>Share of the budget used: error ratio ÷ (1 − target). Above 1 when overspent.</summary>
    public double Consumed => BudgetMath.Consumed(Period, Slo.Target);

    /// <summary>1 − consumed; negative when overspent (not clamped, like Sloth and Pyrra).</summary>
    public double Remaining => 1 - Consumed;

    /// <summary>The whole budget as time of full outage over the window (99.9 % over 30 d = 43.2 minutes).</summary>
    public TimeSpan BudgetTime => BudgetMath.BudgetTime(Slo);

    /// <summary>Remaining × budget time; negative when overspent.</summary>
    public TimeSpan RemainingTime => TimeSpan.FromSeconds(Remaining * BudgetTime.TotalSeconds);

    public double BurnRateOver(TimeSpan window) => BurnRates.FirstOrDefault(b => b.Window == window).Rate;
}

/// <summary>Error ratio over a window divided by the allowed error ratio; 1.0 spends exactly the budget over the SLO window.</summary>
public readonly record struct BurnRate(TimeSpan Window, double Rate);
