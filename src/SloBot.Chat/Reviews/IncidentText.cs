using System.Globalization;
using SloBot.Chat.Budgets;
using SloBot.Chat.Replies;
using SloBot.Chat.Retrospectives;

namespace SloBot.Chat.Reviews;

/// <summary>How an incident of the period reads, a published retrospective or a budget-consuming episode from the data.</summary>
internal static class IncidentText
{
    /// <summary>"INC-2041", "episode, no retrospective", "episode of INC-2041".</summary>
    public static string Name(ReviewIncident i) => !i.Episode ? i.IncidentId
        : i.RetrospectiveId.Length == 0 ? "episode, no retrospective"
        : $"episode of {i.IncidentId}";

    /// <summary>"payment availability" for an episode, the services for a retrospective.</summary>
    public static string What(ReviewIncident i) => i.Episode ? $"{string.Join(", ", i.Services)} {i.Slo}" : string.Join(", ", i.Services);

    /// <summary>"Sun 22 Nov 14:00–16:00 UTC".</summary>
    public static string When(ReviewIncident i) =>
        $"{i.Start.UtcDateTime.ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture)}–{i.End.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC";

    /// <summary>The impact column: the retrospective's note, or an episode's bad events.</summary>
    public static string Impact(ReviewIncident i) => i.Episode
        ? $"{BudgetFormat.Count(i.BadEvents ?? 0)} bad events above the page burn rate"
        : i.Impact ?? "—";

    /// <summary>"• payment availability: Sun 22 Nov 14:00–16:00 UTC (2 hours 0 minutes), 312 bad events, 43.3 % of the budget — no retrospective yet".</summary>
    public static string Line(ReviewIncident i) => i.Episode
        ? $"• {What(i)}: {When(i)} ({BudgetFormat.TwoUnits(TimeSpan.FromSeconds(i.DurationSeconds))}), {BudgetFormat.Count(i.BadEvents ?? 0)} bad events, {BudgetFormat.Percent(i.BudgetConsumed)} of the budget"
          + (i.NeedsRetro ? " — over 10 %, no retrospective yet" : i.RetrospectiveId.Length > 0 ? $" (retrospective {i.IncidentId})" : "")
        : $"• {i.IncidentId} ({What(i)}): {BudgetFormat.TwoUnits(TimeSpan.FromSeconds(i.DurationSeconds))}" + (i.BudgetConsumed is { } c ? $", {BudgetFormat.Percent(c)} of the budget" : "");

    /// <summary>The words <c>/slo retro start</c> reads for an episode: its service and window ("payment 2026-11-22T14:00Z/2026-11-22T16:00Z").</summary>
    public static string RetroArguments(ReviewIncident i) =>
        $"{i.Services[0]} {Iso(i.Start)}/{Iso(i.End)}";

    /// <summary>A <em>Start retro</em> button for each episode that needs one (at most three).</summary>
    public static IReadOnlyList<ReplyButton> RetroButtons(IEnumerable<ReviewIncident> incidents) => incidents
        .Where(i => i.NeedsRetro)
        .Take(3)
        .Select(i => new ReplyButton(RetroStartButton.Action, $"Start retro: {i.Services[0]} {i.Start.UtcDateTime.ToString("ddd HH:mm", CultureInfo.InvariantCulture)}", RetroArguments(i)))
        .ToArray();

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
}
