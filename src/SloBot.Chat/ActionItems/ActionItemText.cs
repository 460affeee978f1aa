using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SloBot.Chat.Conversations;

namespace SloBot.Chat.ActionItems;

/// <summary>
/// Reads an action item typed in a thread: "@alice add connection pool alerting by friday",
/// "Set explicit timeouts (Owner: @bob, Due: 2025-01-18)", "&lt;@U123&gt; canary deploys this month",
/// "Chaos testing for pool exhaustion, owner: SRE team, Q1 2026". Needs an owner and a due date or horizon.
/// </summary>
public static partial class ActionItemText
{
    public static StepAnswer Understand(string text, DateOnly today)
    {
        var rest = " " + text.Trim() + " ";
        string? owner = null;
        var ownerMatch = OwnerLabel().Match(rest);
        if (!ownerMatch.Success)
            ownerMatch = Mention().Match(rest);
        if (ownerMatch.Success)
        {
            owner = ownerMatch.Groups["o"].Value.Trim();
            rest = rest.Remove(ownerMatch.Index, ownerMatch.Length).Insert(ownerMatch.Index, " ");
        }

        ActionHorizon? horizon = null;
        var horizonMatch = HorizonWords().Match(rest);
        if (horizonMatch.Success)
        {
            horizon = horizonMatch.Groups["h"].Value.ToLowerInvariant() switch
            {
                "this week" or "immediate" or "immediately" => ActionHorizon.ThisWeek,
                "this month" or "short-term" or "short term" => ActionHorizon.ThisMonth,
                _ => ActionHorizon.ThisQuarter,
            };
            rest = rest.Remove(horizonMatch.Index, horizonMatch.Length).Insert(horizonMatch.Index, " ");
        }

        DateOnly? due = null;
        var dueMatch = DueWords().Match(rest);
        if (dueMatch.Success)
        {
            due = LenientTime.ParseDate(dueMatch.Groups["d"].Value, today);
            if (due is null)
                return StepAnswer.Reject($"'{dueMatch.Groups["d"].Value.Trim()}' is not a date I can read (try `2026-12-04`, `friday`, `next week`, `end of month`)");
            rest = rest.Remove(dueMatch.Index, dueMatch.Length).Insert(dueMatch.Index, " ");
        }
        else if (Quarter().Match(rest) is { Success: true } q)
        {
            var quarter = int.Parse(q.Groups["q"].Value, CultureInfo.InvariantCulture);
            var year = int.Parse(q.Groups["y"].Value, CultureInfo.InvariantCulture);
            var lastMonth = quarter * 3;
            due = new DateOnly(year, lastMonth, DateTime.DaysInMonth(year, lastMonth));
            horizon ??= ActionHorizon.ThisQuarter;
            rest = rest.Remove(q.Index, q.Length).Insert(q.Index, " ");
        }

        var task = Tidy().Replace(rest, " ").Trim().Trim(',', ';', '-', '—', '(', ')', '.', ' ');
        if (task.Length == 0)
            return StepAnswer.Reject("there is no task in that — what needs doing?");
        if (owner is null)
            return StepAnswer.Reject("who owns it? Mention them (`@alice`) or write `owner: SRE team`");
        if (due is null && horizon is null)
            return StepAnswer.Reject("when is it due? Add `by friday`, `due 2026-12-04`, or `this week` / `this month` / `this quarter`");
        horizon ??= Infer(due!.Value, today);
        task = char.ToUpperInvariant(task[0]) + task[1..];
        var dueText = due is { } d ? $" · due {d.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture)}" : "";
        var display = $"{task} (owner {owner}{dueText} · {Word(horizon.Value)})";
        var value = new JsonObject
        {
            ["text"] = display,
            ["task"] = task,
            ["owner"] = owner,
            ["due"] = due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["horizon"] = horizon.Value.ToString(),
        };
        return StepAnswer.Accept(value, $"Action item for {owner} — {task}{dueText} · {Word(horizon.Value)} ✔");
    }

    public static NewActionItem ToNew(int index, JsonNode node) => new(
        index,
        node["task"]?.GetValue<string>() ?? node["text"]?.GetValue<string>() ?? "",
        node["owner"]?.GetValue<string>(),
        node["due"]?.GetValue<string>() is { } d ? DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        Enum.TryParse<ActionHorizon>(node["horizon"]?.GetValue<string>(), out var h) ? h : ActionHorizon.ThisMonth);

    public static ActionHorizon Infer(DateOnly due, DateOnly today) => (due.DayNumber - today.DayNumber) switch
    {
        <= 7 => ActionHorizon.ThisWeek,
        <= 31 => ActionHorizon.ThisMonth,
        _ => ActionHorizon.ThisQuarter,
    };

    public static string Word(ActionHorizon horizon) => horizon switch
    {
        ActionHorizon.ThisWeek => "this week",
        ActionHorizon.ThisMonth => "this month",
        _ => "this quarter",
    };

    [GeneratedRegex(@"\bowner\s*[:=]?\s*(?<o><@[A-Za-z0-9]+>|@?[\w.\- ]+?)(?=\s*(?:[,;)]|\bdue\b|\bby\b|$))", RegexOptions.IgnoreCase)]
    private static partial Regex OwnerLabel();

    [GeneratedRegex(@"(?<o><@[A-Za-z0-9]+>|(?<![\w])@[\w.\-]+)")]
    private static partial Regex Mention();

    [GeneratedRegex(@"[\(,;]?\s*\b(?:due|by|before|until)\b\s*[:=]?\s*(?<d>\d{4}-\d{2}-\d{2}|(?:next\s+)?(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|tomorrow|today|next week|end of (?:the )?(?:month|quarter))\)?", RegexOptions.IgnoreCase)]
    private static partial Regex DueWords();

    [GeneratedRegex(@"\b(?<h>this week|this month|this quarter|immediate(?:ly)?|short[- ]term|long[- ]term)\b", RegexOptions.IgnoreCase)]
    private static partial Regex HorizonWords();

    [GeneratedRegex(@"\bQ(?<q>[1-4])\s+(?<y>\d{4})\b", RegexOptions.IgnoreCase)]
    private static partial Regex Quarter();

    [GeneratedRegex(@"\s{2,}|\(\s*,?\s*\)")]
    private static partial Regex Tidy();
}
