using System.Globalization;
using Humanizer;
using SloBot.Chat.Budgets;
using SloBot.Core.Planning;

namespace SloBot.Chat.Planning;

/// <summary>How a plan reads to a person: percentages as the document writes them, Humanized minutes and dates.</summary>
internal static class PlanText
{
    /// <summary>"99.953 %" (an SLI or target already in percent, noise of the document's ± 0.1 removed).</summary>
    public static string Percent(double percent) => Math.Round(percent, 10).ToString("0.###", CultureInfo.InvariantCulture) + " %";

    /// <summary>"+0.02 points", "−0.4 points".</summary>
    public static string Points(double points) =>
        (points < 0 ? "−" : "+") + Math.Abs(Math.Round(points, 10)).ToString("0.###", CultureInfo.InvariantCulture) + " points";

    /// <summary>Minutes of budget: "43 minutes 12 seconds".</summary>
    public static string Minutes(double minutes) => BudgetFormat.TwoUnits(TimeSpan.FromMinutes(minutes));

    /// <summary>A change of budget: "+43 minutes 12 seconds", "−40 minutes 19 seconds", "no change".</summary>
    public static string MinutesChange(double minutes) => Math.Abs(minutes) < 1e-9 ? "no change" : (minutes < 0 ? "−" : "+") + Minutes(Math.Abs(minutes));

    /// <summary>"Wed 1 Oct – Wed 31 Dec 2026" for a quarter in its zone (the end day is the last day, inclusive).</summary>
    public static string Dates(DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone)
    {
        var first = TimeZoneInfo.ConvertTime(start, zone);
        var last = TimeZoneInfo.ConvertTime(end, zone).AddDays(-1);
        return $"{first.ToString("ddd d MMM", CultureInfo.InvariantCulture)} – {last.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture)}";
    }

    /// <summary>"so far (66 days of 92)" while the quarter runs, "" once it is over.</summary>
    public static string SoFar(CountedQuarter q) => q.Complete ? ""
        : $" so far ({"day".ToQuantity((int)Math.Floor(q.Counted.TotalDays))} of {"day".ToQuantity((int)Math.Round((q.End - q.Start).TotalDays))})";

    public static string Trend(SloQuarter s, CountedQuarter before) => s.Trend switch
    {
        null => "—",
        QuarterTrend.NoEarlierData => $"no data for {before.Quarter}",
        { } t => $"{t.ToWords()} ({Points(s.AchievedPercent!.Value - s.BeforePercent!.Value)} on {before.Quarter})",
    };

    public static string Rule(ProposalRule rule) => rule.ToString().ToLowerInvariant();

    /// <summary>"tighten to 99.95 % — Exceeding current SLO consistently", with a note when the document's clamp reverses the move.</summary>
    public static string Proposal(TargetProposal p) => p.Rule switch
    {
        ProposalRule.Keep => $"keep {Percent(p.CurrentPercent)} — {p.Rationale}",
        _ => $"{Rule(p.Rule)} to {Percent(p.ProposedPercent)} — {p.Rationale}" + (p.ClampReversed ? $" (the document's {(p.Rule == ProposalRule.Relax ? "floor of 99 %" : "cap of 99.99 %")} moves this target the other way; decide in the approval)" : ""),
    };

    /// <summary>"budget 43 minutes 12 seconds → 1 hour 26 minutes per 30 days (+43 minutes 12 seconds)".</summary>
    public static string Impact(BudgetImpact i, TimeSpan window) =>
        $"budget {Minutes(i.CurrentMinutes)} → {Minutes(i.ProposedMinutes)} per {BudgetFormat.Length(window)} ({MinutesChange(i.ChangeMinutes)})";

    /// <summary>"2.5 engineer-weeks".</summary>
    public static string Weeks(double weeks) => "engineer-week".ToQuantity(weeks, "0.##", CultureInfo.InvariantCulture);
}
