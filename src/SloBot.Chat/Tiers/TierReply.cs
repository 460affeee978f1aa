using System.Globalization;
using SloBot.Chat.Budgets;
using SloBot.Chat.Replies;
using SloBot.Core.Tiers;

namespace SloBot.Chat.Tiers;

internal static class TierReply
{
    public const string AdoptAction = "tier.adopt";

    public static Reply Render(string service, TierRecommendation r, string note, bool canAdopt)
    {
        var p = r.Profile;
        var blocks = new List<ReplyBlock>
        {
            new TextBlock($"**{r.Recommended.ToTitle()}** — {p.Description.ToLowerInvariant()} (like {string.Join(" or ", p.Examples)}). " +
                          $"Confidence **{Number(r.Confidence)}/100**: {ConfidenceWords(r)}."),
            new FieldsBlock(
            [
                new ReplyField("Availability", $"{Number(p.AvailabilityPercent)} %"),
                new ReplyField("Downtime per month", BudgetFormat.TwoUnits(p.DowntimePerMonth)),
                new ReplyField("p99 latency", $"{Number(p.LatencyP99Ms)} ms"),
                new ReplyField("Max error rate", BudgetFormat.Percent(p.ErrorRateMax, 2)),
            ]),
            new TableBlock(["tier", "score", "availability", "downtime / month"], ServiceTierNames.All.Select(t => (IReadOnlyList<string>)
            [
                t == r.Recommended ? $"▶ {t.ToWord()}" : t.ToWord(),
                Number(Math.Round(r.ScoreFor(t), 1)),
                $"{Number(TierProfiles.For(t).AvailabilityPercent)} %",
                BudgetFormat.TwoUnits(TierProfiles.For(t).DowntimePerMonth),
            ]).ToArray()),
        };
        if (r.KeyFactors.Count > 0)
            blocks.Add(new TextBlock("**Key factors**\n" + string.Join("\n", r.KeyFactors.Select(f => $"• {f.Factor}: {f.Value} — {f.Influence}"))));
        blocks.Add(new TextBlock(
            $"**Investment** ({p.InvestmentLevel}, {p.Investment.CostMultiplier})\n" +
            $"• Infrastructure: {string.Join(", ", p.Investment.Infrastructure)}\n" +
            $"• Team: {string.Join(", ", p.Investment.Team)}"));
        blocks.Add(new TextBlock("**Next steps**\n" + string.Join("\n", r.NextSteps.Select((s, i) => $"{i + 1}. {s}")) +
                                 $"\nThen `/slo design {service} tier={r.Recommended.ToWord()}` writes the SLOs, alert rules and dashboard."));
        return new Reply
        {
            Header = $"Tier recommendation · {service}",
            Blocks = blocks,
            Buttons = canAdopt ? [new ReplyButton(AdoptAction, $"Adopt {r.Recommended.ToWord()} tier", $"{service}|{r.Recommended.ToWord()}", ButtonStyle.Primary)] : [],
            Context = note + " Scores: seed 000 TierAnalyzer, normalised so the best tier is 100.",
            Summary = $"{service}: {r.Recommended.ToWord()} tier recommended (confidence {Number(r.Confidence)}/100)",
            Data = TierData.From(service, r),
        };
    }

    private static string ConfidenceWords(TierRecommendation r) =>
        r.Margin == 0
            ? $"{r.Recommended.ToWord()} and {r.RunnerUp.ToWord()} tie; the more demanding tier wins"
            : $"{Number(Math.Round(r.Margin, 1))} points ahead of {r.RunnerUp.ToWord()}";

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
