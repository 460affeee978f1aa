using System.Globalization;
using System.Text.Json.Nodes;
using SloBot.Chat.Budgets;
using SloBot.Chat.Conversations;
using SloBot.Core.Catalog;
using SloBot.Core.Text;

namespace SloBot.Chat.Retrospectives;

/// <summary>How the retrospective's typed answers are read (incident id, services, the window, timeline entries).</summary>
internal static class RetroAnswers
{
    public static StepAnswer Incident(string text)
    {
        var id = text.Trim().Trim('`');
        if (id.Length is 0 or > 40 || id.Any(char.IsWhiteSpace))
            return StepAnswer.Reject("an incident id is one word, like `INC-2041`");
        return StepAnswer.Accept(JsonValue.Create(id), $"Incident {id} ✔");
    }

    public static StepAnswer Services(string text, ISloCatalog catalog)
    {
        var words = text.Split([',', ' ', ';', '+'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(w => !w.Equals("and", StringComparison.OrdinalIgnoreCase))
            .ToArray();
        if (words.Length == 0)
            return StepAnswer.Reject("name at least one service");
        var names = new List<string>();
        foreach (var w in words)
        {
            if (catalog.FindService(w) is { } s)
            {
                if (!names.Contains(s.Name))
                    names.Add(s.Name);
                continue;
            }

            var hint = DidYouMean.HintOr(".", w, catalog.Services.Select(x => x.Name));
            return StepAnswer.Reject($"there is no service `{w}` in the catalog{hint} Known: {string.Join(", ", catalog.Services.Select(x => x.Name))}");
        }

        var list = string.Join(", ", names);
        return StepAnswer.Accept(new JsonObject { ["text"] = list, ["names"] = new JsonArray(names.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()) }, $"Services {list} ✔");
    }

    public static StepAnswer Window(string text, StepContext context)
    {
        var (range, error) = LenientTime.ParseRange(text, context.Now, context.Zone);
        if (range is not { } r)
            return StepAnswer.Reject(error!);
        var shown = $"{LenientTime.FormatRange(r, context.Zone)} ({BudgetFormat.TwoUnits(r.Duration)})";
        return StepAnswer.Accept(
            new JsonObject { ["text"] = shown, ["start"] = r.Start.ToString("O", CultureInfo.InvariantCulture), ["end"] = r.End.ToString("O", CultureInfo.InvariantCulture) },
            $"Incident window {shown} ✔");
    }

    public static StepAnswer Timeline(string text, StepContext context)
    {
        var anchor = Range(context.Data)?.Start ?? context.Now;
        var (at, rest) = LenientTime.ParseLeadingTime(text, anchor, context.Zone);
        if (at is null)
            return StepAnswer.Reject("start the entry with its time, like `14:18 PagerDuty alert fired`");
        if (rest.Length == 0)
            return StepAnswer.Reject("what happened at that time? e.g. `14:18 PagerDuty alert fired`");
        var clock = TimeZoneInfo.ConvertTime(at.Value, context.Zone).ToString("HH:mm", CultureInfo.InvariantCulture);
        return StepAnswer.Accept(
            new JsonObject { ["text"] = $"{clock} — {rest}", ["at"] = at.Value.ToString("O", CultureInfo.InvariantCulture), ["event"] = rest },
            $"Timeline entry {clock} — {StepAnswer.Shorten(rest)} ✔");
    }

    public static StepAnswer ImpactNote(string text)
    {
        var t = text.Trim();
        return t.ToLowerInvariant().TrimEnd('.', '!') is "ok" or "okay" or "yes" or "looks right" or "correct" or "confirmed"
            ? StepAnswer.Accept(JsonValue.Create("confirmed"), "SLO impact confirmed ✔")
            : StepAnswer.Text(t, "SLO impact note");
    }

    public static TimeRange? Range(JsonObject data) =>
        data["window"] is JsonObject w && w["start"] is { } s && w["end"] is { } e
            ? new TimeRange(DateTimeOffset.Parse(s.GetValue<string>(), CultureInfo.InvariantCulture), DateTimeOffset.Parse(e.GetValue<string>(), CultureInfo.InvariantCulture))
            : null;

    public static IReadOnlyList<string> ServiceNames(JsonObject data) =>
        data["services"]?["names"] is JsonArray a ? a.Select(n => n!.GetValue<string>()).ToArray() : [];
}
