using System.Globalization;
using Humanizer;
using SloBot.Chat.Budgets;
using SloBot.Chat.Replies;
using SloBot.Core.Maturity;

namespace SloBot.Chat.Maturity;

internal static class MaturityReply
{
    public static Reply Render(MaturityResult r, MaturityEvidence e, IReadOnlyDictionary<string, Answer> answers, DateTimeOffset at)
    {
        var next = r.Next;
        var blocks = new List<ReplyBlock>
        {
            new TextBlock($"**Level {r.Level} of 5 — {r.Current.Name}**, score **{Number(r.Score)}** of 5" +
                          (next is null ? " (the top level)." : $" (level {r.Level} reached; {BudgetFormat.Percent(r.Score - r.Level, 0)} of level {next.Number} met).")),
            new TextBlock("**Measured by SloBot**\n" + string.Join("\n", Measured(e).Select(m => "• " + m))),
            new TableBlock(
                ["level", "characteristic", "how", "value", "met"],
                r.Requirements.Select(q => (IReadOnlyList<string>)
                [
                    q.Level.ToString(CultureInfo.InvariantCulture),
                    q.Characteristic,
                    q.Source == EvidenceSource.Measured ? "measured" : "answered",
                    Value(q, answers),
                    q.Met ? "✔" : "✘",
                ]).ToArray()),
        };
        if (next is not null)
        {
            blocks.Add(new TextBlock($"**Missing for level {next.Number} ({next.Name})**\n" +
                                     string.Join("\n", r.MissingForNextLevel.Select(m => $"• {m.Characteristic}: {Value(m, answers)}{Hint(m)}"))));
        }

        blocks.Add(new TextBlock($"**Next steps** (the maturity model, level {r.Level})\n" + string.Join("\n", r.Current.NextSteps.Select((s, i) => $"{i + 1}. {s}"))));
        return new Reply
        {
            Header = $"SLO maturity · level {r.Level}: {r.Current.Name}",
            Blocks = blocks,
            Context = "Levels: the SLO governance framework's 5-level maturity model; scoring as docs/maturity.md defines it. " +
                      $"Decisions counted over the last 90 days, weekly reviews over the last 12 weeks, to {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC.",
            Summary = $"SLO maturity: level {r.Level} ({r.Current.Name}), score {Number(r.Score)} of 5",
            Data = new MaturityData(
                r.Level, r.Current.Name, r.Score, next?.Number, next?.Name,
                MaturityCriteriaData.From(r.Criteria),
                MaturityMeasuredData.From(e),
                MaturityQuestions.All.ToDictionary(q => q.Name, q => answers.TryGetValue(q.Name, out var a) ? a.ToWord() : "no"),
                r.Requirements.Select(MaturityRequirementData.From).ToArray(),
                r.MissingForNextLevel.Select(MaturityRequirementData.From).ToArray(),
                r.Current.NextSteps,
                at.ToUniversalTime()),
        };
    }

    private static IEnumerable<string> Measured(MaturityEvidence e)
    {
        yield return $"SLO coverage: {e.ServicesWithSlos} of {"catalog service".ToQuantity(e.Services)} have SLOs ({"SLO".ToQuantity(e.Slos)})" +
                     (e.CriticalServices > 0 ? $"; critical: {e.CriticalServicesWithSlos} of {e.CriticalServices}" : "; no service has the critical tier, so every service counts as critical");
        yield return $"Error budget in decisions: {"release decision".ToQuantity(e.ReleaseDecisions)} recorded in the last 90 days, in {e.MonthsWithReleaseDecisions} of 3 months";
        yield return $"Review frequency: {"weekly review".ToQuantity(e.PublishedReviews)} published in the last 12 weeks, in {"week".ToQuantity(e.WeeksWithReview)} of 12";
        yield return $"Automation: burn-rate alerts {(e.BurnRateAlerts ? "on" : "off (SloBot:Alerts:Channel)")}; {"scheduled post".ToQuantity(e.ScheduledPosts)} configured";
    }

    private static string Value(MaturityRequirement q, IReadOnlyDictionary<string, Answer> answers) =>
        q.Source == EvidenceSource.Answered
            ? answers.TryGetValue(q.Key, out var a) ? a.ToWord() : "no"
            : BudgetFormat.Percent(q.Value, 0);

    private static string Hint(MaturityRequirement m) => m.Key switch
    {
        "slos" => " — define a first SLO in the catalog (`/slo tier`, `/slo design`)",
        "monthlyReviews" or "weeklyReviews" => " — publish weekly reviews (`/slo review start`, or schedule the Monday post)",
        "criticalCoverage" or "coverage" => " — give every service in the catalog SLOs",
        "budgetDecisions" => " — ask `/slo release` before each release so the budget decides",
        "alerting" => " — set `SloBot:Alerts:Channel` for burn-rate alerts",
        "automation" => " — burn-rate alerts and at least one scheduled post (`SloBot:Schedule`)",
        _ => "",
    };

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
