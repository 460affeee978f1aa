using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SloBot.Chat.Conversations;
using SloBot.Core.Text;

namespace SloBot.Chat.Planning;

/// <summary>What the plan conversation understands in weeks 2 and 3: targets, and ratings of the roadmap's work.</summary>
internal static partial class PlanAnswers
{
    public const double MinTargetPercent = 50;

    /// <summary>
    /// "accept" (the proposals as they are), or targets to set instead: "search availability 99.85", "search 99.85 %"
    /// (a service with one SLO), several separated by commas or lines. Stored as {"service/slo": percent}.
    /// </summary>
    public static StepAnswer Targets(string text, IReadOnlyList<PlanSloLine> slos)
    {
        var t = text.Trim();
        if (AcceptWords().IsMatch(t))
            return StepAnswer.Accept(new JsonObject { ["text"] = "as proposed" }, "Targets — as proposed ✔");
        var proposed = slos.Where(s => s.ProposedPercent is not null).ToArray();
        var set = new JsonObject();
        var said = new List<string>();
        foreach (var part in t.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var m = TargetWords().Match(part);
            if (!m.Success)
                return StepAnswer.Reject($"'{part}' is not a target: write `accept`, or the SLO and its target in percent, e.g. `{Example(proposed)}`");
            var service = m.Groups["service"].Value;
            var slo = m.Groups["slo"].Success ? m.Groups["slo"].Value : null;
            var matches = proposed.Where(s => s.Service.Equals(service, StringComparison.OrdinalIgnoreCase) && (slo is null || s.Slo.Equals(slo, StringComparison.OrdinalIgnoreCase))).ToArray();
            if (matches.Length != 1)
            {
                var names = proposed.Select(s => $"{s.Service} {s.Slo}").ToArray();
                var hint = slo is null
                    ? DidYouMean.Hint(service, proposed.Select(s => s.Service).Distinct(StringComparer.OrdinalIgnoreCase))
                    : DidYouMean.Hint($"{service} {slo}", names);
                return StepAnswer.Reject(matches.Length == 0
                    ? $"no SLO with a proposal is called '{(slo is null ? service : $"{service} {slo}")}'{(hint.Length > 0 ? hint : $" (these have one: {string.Join(", ", names)})")}"
                    : $"{service} has {matches.Length} SLOs: name one ({string.Join(", ", matches.Select(s => s.Slo))})");
            }

            var value = double.Parse(m.Groups["target"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (value < 1)
                return StepAnswer.Reject($"{value.ToString(CultureInfo.InvariantCulture)} looks like a ratio: write the target in percent ({(value * 100).ToString("0.###", CultureInfo.InvariantCulture)}, not {value.ToString(CultureInfo.InvariantCulture)})");
            if (!(value >= MinTargetPercent && value < 100))
                return StepAnswer.Reject($"a target of {value.ToString(CultureInfo.InvariantCulture)} % is outside {MinTargetPercent.ToString(CultureInfo.InvariantCulture)}–100 % (100 % would leave no error budget)");
            set[matches[0].Key] = value;
            said.Add($"{matches[0].Name} {PlanText.Percent(value)}");
        }

        if (said.Count == 0)
            return StepAnswer.Reject("that was empty");
        return StepAnswer.Accept(new JsonObject { ["text"] = string.Join(", ", said) + ", the rest as proposed", ["set"] = set }, $"Targets — {string.Join(", ", said)}; the rest as proposed ✔");
    }

    /// <summary>The targets week 2 settled: the team's where it set one, else the proposal.</summary>
    public static PlanSloLine[] Settled(IReadOnlyList<PlanSloLine> slos, JsonNode? answer) => slos.Select(s =>
        s.ProposedPercent is null ? s
        : answer?["set"]?[s.Key] is JsonValue v ? s with { ApprovedPercent = v.GetValue<double>() }
        : s with { ApprovedPercent = s.ProposedPercent }).ToArray();

    /// <summary>"2 effort=3 impact=0.05" or "#2 effort=1.5": a rating of roadmap item 2 (engineer-weeks, SLI points).</summary>
    public static StepAnswer Rating(string text, IReadOnlyList<PlanWorkLine> work)
    {
        var m = RatingWords().Match(text.Trim());
        if (!m.Success)
            return StepAnswer.Reject($"rate an item as `2 effort=3 impact=0.05` (its number, engineer-weeks, SLI points it should gain), or `next`");
        var n = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
        if (n < 1 || n > work.Count)
            return StepAnswer.Reject(work.Count == 0 ? "there is nothing to rate; `next` moves on" : $"there is no item {n} (1–{work.Count})");
        var item = work[n - 1];
        double? effort = m.Groups["effort"].Success ? Number(m.Groups["effort"].Value) : null;
        double? impact = m.Groups["impact"].Success ? Number(m.Groups["impact"].Value) : null;
        if (effort is null && impact is null)
            return StepAnswer.Reject($"give item {n} `effort=` (engineer-weeks) and, for an action item, `impact=` (SLI points)");
        if (effort is { } e && !(e > 0 && e <= 1000))
            return StepAnswer.Reject($"effort={FormatNumber(e)} is not a positive number of engineer-weeks (at most 1000): the order divides impact by it");
        if (impact is { } i && !(i >= -100 && i <= 100))
            return StepAnswer.Reject($"impact={FormatNumber(i)} is not a number of SLI points between −100 and 100");
        var finalEffort = effort ?? item.EffortWeeks;
        var finalImpact = impact ?? item.ImpactPoints;
        var missing = finalEffort is null ? " (still needs `effort=`)" : finalImpact is null ? " (still needs `impact=`)" : "";
        var value = new JsonObject { ["text"] = $"#{n} {text.Trim()}", ["key"] = item.Key };
        if (impact is not null)
            value["impact"] = impact;
        if (effort is not null)
            value["effort"] = effort;
        var what = string.Join(", ", new[] { impact is { } ii ? $"impact {PlanText.Points(ii)}" : null, effort is { } ee ? PlanText.Weeks(ee) : null }.Where(x => x is not null));
        return StepAnswer.Accept(value, $"Item {n} ({StepAnswer.Shorten(item.Title, 60)}) — {what}{missing} ✔");
    }

    /// <summary>The ratings given in the roadmap step, by key (later ones win), over the stored ones.</summary>
    public static Dictionary<string, InitiativeRating> Ratings(JsonArray answers, IReadOnlyDictionary<string, InitiativeRating> stored)
    {
        var ratings = new Dictionary<string, InitiativeRating>(stored);
        foreach (var a in answers.OfType<JsonObject>())
        {
            var key = a["key"]!.GetValue<string>();
            var before = ratings.GetValueOrDefault(key);
            ratings[key] = new InitiativeRating(a["impact"]?.GetValue<double>() ?? before?.ImpactPoints, a["effort"]?.GetValue<double>() ?? before?.EffortWeeks);
        }

        return ratings;
    }

    private static string Example(IReadOnlyList<PlanSloLine> slos) => slos.FirstOrDefault() is { } s ? $"{s.Service} {s.Slo} {PlanText.Percent(s.ProposedPercent!.Value).Replace(" %", "", StringComparison.Ordinal)}" : "search availability 99.85";

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string FormatNumber(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?:accept(?:ed)?|as proposed|ok|yes|approve(?:d)?)\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex AcceptWords();

    [GeneratedRegex(@"^(?<service>[\w.-]+)(?:\s+(?<slo>[A-Za-z][\w.-]*))?\s*[:=]?\s*(?<target>\d+(?:\.\d+)?)\s*%?$")]
    private static partial Regex TargetWords();

    [GeneratedRegex(@"^#?(?<n>\d{1,4})\s*[:]?(?:\s+(?:effort=(?<effort>\d+(?:\.\d+)?)|impact=(?<impact>[-+]?\d+(?:\.\d+)?)))+\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex RatingWords();
}
