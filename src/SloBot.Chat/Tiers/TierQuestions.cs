using SloBot.Chat.Replies;
using SloBot.Core.Tiers;

namespace SloBot.Chat.Tiers;

/// <summary>
/// The questions still unanswered, with their choices and the exact command to type: the answer when the
/// conversation engine (which asks them one at a time with buttons) is not registered.
/// </summary>
internal static class TierQuestions
{
    public static Reply Ask(string service, TierAnswers answers)
    {
        var missing = answers.Missing;
        var command = $"/slo tier {service} " + string.Join(' ', TierMatrix.Criteria.Select(c =>
            answers[c] is { } given ? $"{c.ShortName}={given.Name}" : $"{c.ShortName}={string.Join('|', c.ValueNames)}"));
        var rows = missing.Select(c => (IReadOnlyList<string>)
        [
            c.ShortName,
            c.Question,
            string.Join(", ", c.Values.Select(v => $"{v.Name} ({v.Meaning})")),
        ]).ToArray();
        var text = missing.Count == TierMatrix.Criteria.Count
            ? $"To recommend a tier for **{service}** I need six answers. Copy this command and keep one choice per question:"
            : $"To recommend a tier for **{service}** I still need {missing.Count} answer{(missing.Count == 1 ? "" : "s")}. Copy this command and keep one choice per question:";
        return new Reply
        {
            Header = $"Tier questions · {service}",
            Blocks = [new TextBlock(text), new TextBlock($"`{command}`"), new TableBlock(["question", "asks", "choices"], rows)],
            Ephemeral = true,
            ExitCode = ExitCodes.BadCommand,
            Summary = $"{service}: {missing.Count} tier question(s) unanswered: {string.Join(", ", missing.Select(c => c.ShortName))}",
            Data = new
            {
                service,
                error = "missing answers",
                missing = missing.Select(c => new { name = c.ShortName, key = c.Key, question = c.Question, choices = c.ValueNames.ToArray() }).ToArray(),
                command,
            },
        };
    }
}
