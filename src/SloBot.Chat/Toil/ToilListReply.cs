using Humanizer;
using SloBot.Chat.Replies;
using SloBot.Chat.Teams;

namespace SloBot.Chat.Toil;

internal static class ToilListReply
{
    public static Reply Render(ToilReport r)
    {
        var b = r.Budget;
        var who = r.TeamSize is { } n ? $"a team of {n}" : "one engineer (give `team-size=N` or set `SloBot:Teams:<team>:Size`)";
        var slo = r.AverageSlo is { } avg
            ? $"average SLI {TeamFormat.Percent(avg)} over {"SLO".ToQuantity(r.Slos.Counted.Count)}"
            : "no SLO had data, so the base 50 % stands";
        var blocks = new List<ReplyBlock>
        {
            new FieldsBlock(
            [
                new ReplyField("Toil budget", $"{b.Percent} % ({TeamFormat.Hours(b.ToilHoursPerWeek)} a week)"),
                new ReplyField("Automation", $"{TeamFormat.Hours(b.AutomationHoursPerWeek)} a week"),
                new ReplyField("Recorded toil", $"{TeamFormat.Hours(r.RecordedHoursPerWeek)} a week in {ToilText.Count(r.Tasks.Count)}"),
            ]),
            new TextBlock($"For {who}: {slo}. {ToilText.Recommendation(b, r.RecordedHoursPerWeek)}"),
        };
        if (r.Tasks.Count == 0)
            blocks.Add(new TextBlock("No toil recorded yet. Add a task: `/slo toil add \"rotate certificates\" weekly=2 hours=1.5 error-prone complexity=3`."));
        else
            blocks.Add(new TableBlock(
                ["#", "task", "load", "error-prone", "complexity", "score", "pays back in"],
                r.Tasks.Select(t => (IReadOnlyList<string>)
                [
                    $"#{t.Item.Id}", t.Item.Task.Name, ToilText.Load(t.Item.Task), t.Item.Task.ErrorProne ? "yes" : "no",
                    t.Item.Task.AutomationComplexity.ToString(System.Globalization.CultureInfo.InvariantCulture), ToilText.Score(t.Score), ToilText.Roi(t.RoiMonths),
                ]).ToArray()));
        if (r.Slos.WithoutDataText() is { Length: > 0 } left)
            blocks.Add(new TextBlock($"⚠️ {left}"));
        return new Reply
        {
            Header = "Toil" + (r.Team is { } t ? $" · {t}" : ""),
            Blocks = blocks,
            Context = "Seed 004: 50 % base, +10 at an average SLI ≥ 99.95 %, 0 ≥ 99.9, −10 ≥ 99.5, else −20, kept within 20–60 %; score = weekly × 10 + hours × 5 + 20 if error-prone − complexity × 2",
            Summary = $"Toil budget {b.Percent} %, {ToilText.Count(r.Tasks.Count)} recorded",
            Data = new
            {
                team = r.Team,
                teamSize = r.TeamSize,
                averageSloPercent = r.AverageSlo,
                adjustmentPoints = b.Adjustment,
                toilPercent = b.Percent,
                toilHoursPerWeek = b.ToilHoursPerWeek,
                automationHoursPerWeek = b.AutomationHoursPerWeek,
                recordedToilHoursPerWeek = r.RecordedHoursPerWeek,
                recommendation = ToilText.Recommendation(b, r.RecordedHoursPerWeek),
                tasks = r.Tasks.Select(t => ToilData.Task(t.Item, t.Score, t.RoiMonths)).ToArray(),
                slosWithoutData = r.Slos.WithoutDataData(),
            },
        };
    }
}
