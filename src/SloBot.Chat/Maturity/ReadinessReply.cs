using System.Globalization;
using SloBot.Chat.Replies;
using SloBot.Core.Maturity;

namespace SloBot.Chat.Maturity;

internal static class ReadinessReply
{
    public static Reply Render(ReadinessAssessment r, IReadOnlyDictionary<string, Answer> answers, DateTimeOffset at)
    {
        var next = CultureReadiness.Next(r.Level);
        var missing = next is { } n ? Math.Max(0, Math.Round(n.Score - r.Score, 10)) : 0;
        var unmet = r.Criteria.Where(c => c.Value < 1).ToArray();
        var blocks = new List<ReplyBlock>
        {
            new TextBlock($"**{r.Level.ToTitle()}** — readiness score **{Number(r.Score)}** (ready ≥ 0.8, needs preparation ≥ 0.6, significant gaps ≥ 0.4, else not ready)."),
            new TableBlock(
                ["criterion", "answer", "value"],
                r.Criteria.Select(c => (IReadOnlyList<string>)[c.Criterion.Key.Replace('_', ' '), answers[c.Criterion.Name].ToWord(), Number(c.Value)]).ToArray()),
        };
        if (next is { } up)
        {
            var steps = (int)Math.Ceiling(Math.Round(missing / 0.1, 9));
            blocks.Add(new TextBlock(
                $"**Missing for {up.Level.ToTitle().ToLowerInvariant()}** (≥ {Number(up.Score)}): {Number(missing)} more — " +
                $"{steps} answer step{(steps == 1 ? "" : "s")} up (no → partly or partly → yes adds 0.1). Not met yet: " +
                string.Join(", ", unmet.Select(c => $"{c.Criterion.Name} ({answers[c.Criterion.Name].ToWord()})")) + "."));
        }

        blocks.Add(new TextBlock("**Next steps**\n" + (r.Recommendations.Count == 0
            ? "1. Ready: assess where the SLO practice stands with `/slo maturity`."
            : string.Join("\n", r.Recommendations.Select((s, i) => $"{i + 1}. {s}")))));
        return new Reply
        {
            Header = $"SLO culture readiness · {r.Level.ToTitle().ToLowerInvariant()}",
            Blocks = blocks,
            Context = "Criteria, score and levels: the SLO governance framework's SLOCulture.assess_cultural_readiness (yes 1, partly 0.5, no 0; the score is their mean).",
            Summary = $"SLO culture readiness: {r.Level.ToTitle().ToLowerInvariant()} (score {Number(r.Score)})",
            Data = new ReadinessData(
                r.Score,
                r.Level.ToWord(),
                r.Level.ToTitle(),
                next?.Level.ToWord(),
                next?.Score,
                next is null ? null : missing,
                r.Criteria.Select(c => new ReadinessCriterionData(c.Criterion.Key, c.Criterion.Name, answers[c.Criterion.Name].ToWord(), c.Value)).ToArray(),
                r.Recommendations,
                at.ToUniversalTime()),
        };
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>
/// <c>/slo readiness --json</c>: score 0–1; level in the document's spelling (<c>ready</c>, <c>needs_preparation</c>,
/// <c>significant_gaps</c>, <c>not_ready</c>); <c>missingScore</c> what the next level needs more (null when ready).
/// </summary>
public sealed record ReadinessData(
    double Score,
    string Level,
    string LevelName,
    string? NextLevel,
    double? NextLevelScore,
    double? MissingScore,
    IReadOnlyList<ReadinessCriterionData> Criteria,
    IReadOnlyList<string> Recommendations,
    DateTimeOffset AssessedAt);

/// <param name="Criterion">The document's key (<c>executive_sponsorship</c>).</param>
/// <param name="Name">The question's name (<c>executive</c>).</param>
public sealed record ReadinessCriterionData(string Criterion, string Name, string Answer, double Value);
