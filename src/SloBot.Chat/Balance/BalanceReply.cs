using SloBot.Chat.Replies;
using SloBot.Chat.Teams;

namespace SloBot.Chat.Balance;

/// <summary>The reply of <c>/slo balance</c>, and its lines in the product summary.</summary>
internal static class BalanceReply
{
    public static Reply Render(BalanceAdvice a)
    {
        var blocks = new List<ReplyBlock>
        {
            new FieldsBlock(
            [
                new ReplyField("Features", Side(a.Allocation.FeaturePercent, a.Allocation.FeatureHours)),
                new ReplyField("Reliability", Side(a.Allocation.ReliabilityPercent, a.Allocation.ReliabilityHours)),
            ]),
            new TextBlock(BalanceText.Rationale(a)),
            new TextBlock("**Recommendations**\n" + string.Join("\n", BalanceText.Recommendations(a).Select(r => $"• {r}"))),
        };
        if (a.Slos.WithoutDataText() is { Length: > 0 } left)
            blocks.Add(new TextBlock($"⚠️ {left}"));
        return new Reply
        {
            Header = "Reliability vs feature velocity" + (a.Team is { } t ? $" · {t}" : ""),
            Blocks = blocks,
            Context = "Seed 004's 70/30 base, moved by the average SLO gap (+10 above 0.5 points, +5 above 0.1, 0 above −0.1, −10 above −0.5, else −20), features kept within 20–80 %.",
            Summary = $"{a.Allocation.FeaturePercent} % features, {a.Allocation.ReliabilityPercent} % reliability",
            Data = a.ToData(),
        };
    }

    /// <summary>The split in one line: "70 % features (280 hours) / 30 % reliability (120 hours)".</summary>
    public static string Line(BalanceAdvice a) =>
        $"{Side(a.Allocation.FeaturePercent, a.Allocation.FeatureHours)} features / {Side(a.Allocation.ReliabilityPercent, a.Allocation.ReliabilityHours)} reliability" +
        (a.Gap is { } gap ? $" (average SLO gap {TeamFormat.Points(gap)}: {BalanceText.Words(a.Band!.Value)})" : " (no SLO had data: the base split)");

    private static string Side(int percent, double? hours) => hours is { } h ? $"{percent} % ({TeamFormat.Hours(h)})" : $"{percent} %";
}
