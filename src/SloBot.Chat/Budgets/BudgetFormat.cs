using System.Globalization;
using Humanizer;
using SloBot.Core.Budgets;

namespace SloBot.Chat.Budgets;

/// <summary>How budgets read to a person: percentages, Humanized durations and dates, status words.</summary>
public static class BudgetFormat
{
    public static string Percent(double share, int decimals = 1) =>
        (share * 100).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture) + " %";

    /// <summary>"99.9 %" for a target ratio, keeping every significant digit (99.95 %, 99.999 %).</summary>
    public static string Target(double ratio) => (ratio * 100).ToString("0.#####", CultureInfo.InvariantCulture) + " %";

    public static string Duration(TimeSpan span, int precision = 2) =>
        span.Duration().Humanize(precision: precision, maxUnit: TimeUnit.Day, minUnit: TimeUnit.Second);

    /// <summary>"12 minutes of 43 minutes left", or "overspent by 5 minutes (budget 43 minutes)".</summary>
    public static string RemainingTime(ErrorBudget budget) => budget.RemainingTime >= TimeSpan.Zero
        ? $"{Duration(budget.RemainingTime, 1)} of {Duration(budget.BudgetTime, 1)} left"
        : $"overspent by {Duration(budget.RemainingTime, 1)} (budget {Duration(budget.BudgetTime, 1)})";

    public static string BurnRate(double rate) => rate.ToString(rate >= 10 ? "0.#" : "0.##", CultureInfo.InvariantCulture) + "×";

    public static string Exhaustion(ErrorBudget budget) => budget switch
    {
        { Status: BudgetStatus.Exhausted } => "already exhausted",
        { ProjectedExhaustion: { } at } => $"in {Duration(at - budget.At)} ({at.UtcDateTime.ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture)} UTC)",
        _ => "not burning",
    };

    public static string StatusEmoji(BudgetStatus status) => status switch
    {
        BudgetStatus.Healthy => "🟢",
        BudgetStatus.Attention => "🟡",
        BudgetStatus.Warning => "🟠",
        BudgetStatus.Critical => "🔴",
        _ => "⛔",
    };

    public static string Count(double events) => ((long)Math.Round(events)).ToString("N0", CultureInfo.InvariantCulture);
}
