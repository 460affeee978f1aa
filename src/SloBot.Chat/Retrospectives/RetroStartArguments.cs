using System.Text.Json.Nodes;
using SloBot.Chat.Budgets;
using SloBot.Chat.Conversations;
using SloBot.Core.Catalog;

namespace SloBot.Chat.Retrospectives;

/// <summary>
/// What <c>/slo retro start</c> understood of its words: the incident id, the services, the window (the words from the
/// first one that reads as a time — so a bad window is a bad window, never an unknown service) and <c>again</c>.
/// </summary>
internal sealed record RetroStartArguments(JsonObject Data, IReadOnlyList<string> Notes, string? Error, bool Again)
{
    public const string AgainWord = "again";

    public string? Incident => Data["incident"]?.GetValue<string>();

    public TimeRange? Window => RetroAnswers.Range(Data);

    public static RetroStartArguments Read(IReadOnlyList<string> all, StepContext probe, ISloCatalog catalog)
    {
        var again = all.Any(IsAgain);
        var words = all.Where(w => !IsAgain(w)).ToArray();
        var data = new JsonObject();
        var notes = new List<string>();
        if (words.Length == 0)
            return new(data, notes, null, again);
        // A first word that names a catalog service starts the services (the Start retro button of an episode): the incident id is asked at step 1.
        var first = catalog.FindService(words[0].Split(',')[0]) is null ? 1 : 0;
        if (first == 1)
        {
            var incident = RetroAnswers.Incident(words[0]);
            if (!incident.Ok)
                return new(data, notes, $"`{words[0]}`: {incident.Error}.", again);
            data["incident"] = incident.Value;
        }

        var split = Array.FindIndex(words, first, w => catalog.FindService(w) is null && LenientTime.LooksLikeTime(w));
        if (split < 0)
            split = words.Length;
        if (split > first)
        {
            var services = RetroAnswers.Services(string.Join(' ', words.Skip(first).Take(split - first)), catalog);
            if (services.Ok)
                data["services"] = services.Value;
            else
                notes.Add($"Services: {services.Error}.");
        }

        if (split < words.Length)
        {
            var typed = string.Join(' ', words.Skip(split));
            var window = RetroAnswers.Window(typed, probe);
            if (!window.Ok)
                return new(data, notes, $"The window `{typed}` is not one I can use: {window.Error}.", again);
            data["window"] = window.Value;
        }

        return new(data, notes, null, again);
    }

    /// <summary>"Understood: incident INC-2041 · services payment · window 14:00–16:15 UTC, Fri 4 Dec (2 hours 15 minutes)".</summary>
    public string Understood(TimeZoneInfo zone)
    {
        var parts = new List<string>();
        if (Incident is { } id)
            parts.Add($"incident **{id}**");
        if (RetroAnswers.ServiceNames(Data) is { Count: > 0 } services)
            parts.Add($"services **{string.Join(", ", services)}**");
        if (Window is { } w)
            parts.Add($"window **{LenientTime.FormatRange(w, zone)}** ({BudgetFormat.TwoUnits(w.Duration)})");
        return parts.Count == 0 ? "" : "Understood: " + string.Join(" · ", parts) + ".";
    }

    /// <summary>The same for <c>--json</c>: <c>incident</c>, <c>services</c>, <c>window {start, end}</c> (ISO-8601 UTC), nulls for what was not given.</summary>
    public object Json() => new
    {
        incident = Incident,
        services = RetroAnswers.ServiceNames(Data),
        window = Window is { } w ? new { start = w.Start, end = w.End } : null,
    };

    private static bool IsAgain(string word) => word.Equals(AgainWord, StringComparison.OrdinalIgnoreCase);
}
