using SloBot.Chat.Conversations;
using SloBot.Core.Maturity;

namespace SloBot.Chat.Maturity;

/// <summary>
/// <c>/slo maturity</c> and <c>/slo readiness</c> without all their answers: the open questions one at a time in the
/// thread with yes / partly / no buttons; the last answer runs the full command.
/// </summary>
internal static class MaturityQuestionnaires
{
    public const string MaturityId = "maturity";
    public const string ReadinessId = "readiness";

    public static Questionnaire Maturity() => Create(
        MaturityId,
        "/slo maturity",
        MaturityQuestions.All.Select(q => (q.Name, $"**{q.Characteristic}** (level {q.Level}): {q.Question}")).ToArray(),
        "SloBot measures SLO coverage, budget-driven decisions, review frequency and automation itself; it asks the rest. ");

    public static Questionnaire Readiness() => Create(
        ReadinessId,
        "/slo readiness",
        CultureReadiness.Criteria.Select(c => (c.Name, c.Question)).ToArray(),
        "");

    /// <summary>"maturity roadmap=yes governance=partly …" in the questions' order.</summary>
    public static string BuildCommand(string id, IReadOnlyList<string> names, IReadOnlyDictionary<string, string> answers) =>
        $"{id} " + string.Join(' ', names.Where(answers.ContainsKey).Select(n => $"{n}={answers[n]}"));

    public static Dictionary<string, string> Known(IReadOnlyDictionary<string, Answer> answers) =>
        answers.ToDictionary(kv => kv.Key, kv => kv.Value.ToWord(), StringComparer.Ordinal);

    private static Questionnaire Create(string id, string title, IReadOnlyList<(string Name, string Ask)> questions, string intro)
    {
        var names = questions.Select(q => q.Name).ToArray();
        return new Questionnaire(
            id,
            title,
            questions.Select((q, i) => new Question(q.Name, (i == 0 ? intro : "") + q.Ask, "yes")
            {
                Choices = Answers.Words,
                ChoicesOnly = true,
                Normalise = s => Answers.TryParse(s, out var a) ? a.ToWord() : s.Trim().ToLowerInvariant(),
            }).ToArray(),
            answers => BuildCommand(id, names, answers));
    }
}
