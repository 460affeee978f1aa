using SloBot.Chat.Conversations;
using SloBot.Core.Catalog;
using SloBot.Core.Tiers;

namespace SloBot.Chat.Tiers;

/// <summary>
/// <c>/slo tier</c> without all six answers: the questions still open, asked one at a time in the thread with the
/// choices as buttons; the last answer runs the full command.
/// </summary>
internal static class TierQuestionnaire
{
    public const string Id = "tier";

    public static Questionnaire Create(ISloCatalog? catalog) => new(
        Id,
        "/slo tier",
        [
            new Question("service", "Which service? (a new one is fine)", "payment")
            {
                Validate = s => s.Any(char.IsWhiteSpace) ? "a service name has no spaces" : null,
                Normalise = s => catalog?.FindService(s.Trim())?.Name ?? s.Trim(),
            },
            .. TierMatrix.Criteria.Select(c => new Question(
                c.ShortName,
                $"{c.Question} " + string.Join("; ", c.Values.Select(v => $"**{v.Name}**: {v.Meaning}")),
                c.Values[0].Name)
            {
                Choices = c.ValueNames.ToArray(),
                ChoicesOnly = true,
                Normalise = s => s.Trim().ToLowerInvariant(),
            }),
        ],
        BuildCommand);

    /// <summary>"tier payment revenue=direct visibility=constant …".</summary>
    public static string BuildCommand(IReadOnlyDictionary<string, string> answers) =>
        $"tier {answers["service"]} " + string.Join(' ', TierMatrix.Criteria.Select(c => $"{c.ShortName}={answers[c.ShortName]}"));

    /// <summary>What a command already answered: the service and every criterion given.</summary>
    public static Dictionary<string, string> Known(string? service, TierAnswers answers)
    {
        var known = answers.Values.ToDictionary(kv => kv.Key.ShortName, kv => kv.Value.Name);
        if (!string.IsNullOrWhiteSpace(service))
            known["service"] = service;
        return known;
    }
}
