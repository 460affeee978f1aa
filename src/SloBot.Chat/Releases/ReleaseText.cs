using System.Globalization;
using Humanizer;
using SloBot.Chat.Budgets;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Releases;

namespace SloBot.Chat.Releases;

/// <summary>How a release decision reads to a person (a product manager must understand every sentence).</summary>
internal static class ReleaseText
{
    /// <summary>"35 % of the budget left (attention) and a medium-risk release (score 4: 1,200 lines changed, a database migration) → review".</summary>
    public static string Rationale(ErrorBudget worst, IReadOnlyList<ErrorBudget> all, RiskAssessment risk, ReleaseInfo info, ReleaseAction action)
    {
        var sloCount = all.Count;
        var status = worst.Status.ToWords();
        var budget = worst.Remaining switch
        {
            null => NoData(worst),
            <= 0 => $"no budget left ({BudgetFormat.Percent(worst.Remaining)}{Tightest(worst, sloCount)}, {status})",
            _ when sloCount > 1 => $"{BudgetFormat.Percent(worst.Remaining)} of the budget left on {worst.Slo.Name}, the tightest of {sloCount} SLOs ({status})",
            _ => $"{BudgetFormat.Percent(worst.Remaining)} of the budget left ({status})",
        };
        var noData = all.Where(b => !b.HasData && b != worst).Select(NoData).ToArray();
        var burning = all.Where(b => b.PageBurnActive).Select(Burning).ToArray();
        var also = string.Concat(noData.Concat(burning).Select(x => ", " + x));
        return $"{budget}{also} and a {Risk(risk, info)} → {action.ToWord()}";
    }

    /// <summary>"no SLI data for availability over 30d".</summary>
    public static string NoData(ErrorBudget b) => $"no SLI data for {b.Slo.Name} over {b.Slo.WindowText()}";

    /// <summary>"a page-level burn on availability (1 h at 15.2×)".</summary>
    public static string Burning(ErrorBudget b) => $"a page-level burn on {b.Slo.Name} (1h at {BudgetFormat.BurnRate(b.BurnRateOver(SloWindow.OneHour))})";

    /// <summary>"medium-risk release (score 4: 1,200 lines changed, a database migration)".</summary>
    public static string Risk(RiskAssessment risk, ReleaseInfo info) => risk.Factors.Count == 0
        ? $"{risk.Level.ToWord()}-risk release (score {risk.Score})"
        : $"{risk.Level.ToWord()}-risk release (score {risk.Score}: {string.Join(", ", risk.Factors.Select(f => Factor(f, info)))})";

    public static string Factor(RiskFactor factor, ReleaseInfo info) => factor.Factor switch
    {
        "lines_changed" => "line".ToQuantity(info.LinesChanged, "N0") + " changed",
        "touches_critical_path" => "a critical path touched",
        "has_db_migration" => "a database migration",
        "changes_external_apis" => "external API changes",
        _ => $"{info.TestCoverage.ToString("0.#", CultureInfo.InvariantCulture)} % test coverage",
    };

    public static string Meaning(ReleaseAction action, bool hasConditions) => action switch
    {
        ReleaseAction.Approve => hasConditions ? "Go ahead, with the condition below." : "Go ahead.",
        ReleaseAction.Review => "An SLO owner or the product manager reviews it before it ships (**Approve** spends the error budget), and it goes out with the conditions below.",
        ReleaseAction.Defer => "Hold it until the budget recovers or the release is less risky (alternatives below).",
        _ => "No release until the budget recovers; only reliability and security fixes ship.",
    };

    public static string Condition(ReleaseCondition condition) => condition switch
    {
        ReleaseCondition.EnhancedMonitoring => "**Enhanced monitoring**: watch the SLO dashboards and burn-rate alerts closely during and after the rollout",
        ReleaseCondition.CanaryDeployment => "**Canary deployment**: ship to a small share of traffic first and compare its error rate",
        ReleaseCondition.CheckSliQueries => "**Check the SLI queries**: there is no SLI data for an SLO of the service; until its queries return data, no budget vouches for this release",
        ReleaseCondition.WaitForBurnToStop => "**Wait until the page-level burn stops**: the service is burning its budget fast right now",
        _ => "**Rollback ready**: a tested rollback you can start at once",
    };

    public static string Change(RiskChange change) => change switch
    {
        RiskChange.SplitToManyLines => $"split it into releases of at most {ReleaseRisk.ManyLines:N0} lines",
        RiskChange.SplitToSomeLines => $"split it into releases of at most {ReleaseRisk.SomeLines} lines",
        RiskChange.LeaveCriticalPath => "keep the critical-path changes for a later release",
        RiskChange.ShipMigrationSeparately => "ship the database migration on its own first",
        RiskChange.ShipExternalApiChangeSeparately => "ship the external API changes separately",
        _ => $"raise test coverage to {ReleaseRisk.CoverageFloor} % or more",
    };

    /// <summary>"Thursday 3 December at 15:00 UTC (10 days from now)"; the year only when it is not this year's.</summary>
    public static string When(DateTimeOffset at, DateTimeOffset now)
    {
        var utc = at.ToUniversalTime();
        var format = utc.Year == now.ToUniversalTime().Year ? "dddd d MMMM 'at' HH:mm" : "dddd d MMMM yyyy 'at' HH:mm";
        return $"{utc.ToString(format, CultureInfo.InvariantCulture)} UTC ({at.Humanize(now)})";
    }

    /// <summary>"the 3 November incident (14:00–16:00 UTC, 400 bad events)".</summary>
    public static string Incident(BudgetIncident incident)
    {
        var start = incident.Start.ToUniversalTime();
        var end = incident.End.ToUniversalTime();
        var sameDay = start.Date == end.Date || (end.TimeOfDay == TimeSpan.Zero && end.Date == start.Date.AddDays(1));
        var span = sameDay
            ? $"{start:HH:mm}–{end:HH:mm} UTC"
            : $"{start:HH:mm} UTC until {end.ToString("d MMMM HH:mm", CultureInfo.InvariantCulture)} UTC";
        return $"the {start.ToString("d MMMM", CultureInfo.InvariantCulture)} incident ({span}, {BudgetFormat.Count(incident.BadEvents)} bad events)";
    }

    /// <summary>"30-day" for whole days, else the Prometheus spelling.</summary>
    public static string WindowName(TimeSpan window) =>
        window.Ticks % TimeSpan.TicksPerDay == 0 ? $"{(int)window.TotalDays}-day" : SloWindow.Format(window);

    public static string ActionBadge(ReleaseAction action) => action switch
    {
        ReleaseAction.Approve => "✅ approve",
        ReleaseAction.Review => "🔍 review",
        ReleaseAction.Defer => "⏸️ defer",
        _ => "⛔ block",
    };

    /// <summary>"SLO owner" / "product manager" for a stored role key.</summary>
    public static string Role(string key) => key == "productManager" ? "product manager" : "SLO owner";

    private static string Tightest(ErrorBudget worst, int sloCount) => sloCount > 1 ? $" on {worst.Slo.Name}" : "";
}
