using SloBot.Chat.Replies;
using SloBot.Core.Maturity;
using SloBot.Core.Text;

namespace SloBot.Chat.Maturity;

/// <summary>The <c>name=yes|partly|no</c> words of <c>/slo maturity</c> and <c>/slo readiness</c>, checked.</summary>
internal static class QuestionnaireAnswers
{
    /// <summary>The answers, or the exit-2 reply naming the first bad word (unknown name with did-you-mean, bad value, measured criterion).</summary>
    public static (Dictionary<string, Answer> Answers, Reply? Error) Parse(
        string command, IReadOnlyList<string> positional, IReadOnlyDictionary<string, string> named,
        IReadOnlyList<string> names, IReadOnlyDictionary<string, string> measured)
    {
        var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
        var example = $"/slo {command} " + string.Join(' ', names.Take(2).Select(n => $"{n}=yes"));
        if (positional.Count > 0)
        {
            return (answers, Reply.BadCommand(
                $"`/slo {command}` takes answers written `question=yes|partly|no`, not `{positional[0]}`. For example `{example}`; leave them out to be asked."));
        }

        foreach (var (key, value) in named)
        {
            if (measured.TryGetValue(key.ToLowerInvariant(), out var how))
                return (answers, Reply.BadCommand($"`{key}` is not asked: SloBot measures it ({how}). Answer only {List(names)}."));
            var name = names.FirstOrDefault(n => string.Equals(n, key, StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                var hint = DidYouMean.HintOr(".", key, names);
                return (answers, Reply.BadCommand($"`/slo {command}` has no question `{key}`{hint} The questions: {List(names)}."));
            }

            if (!Answers.TryParse(value, out var answer))
                return (answers, Reply.BadCommand($"`{key}={value}` is not an answer: write `{name}=yes`, `{name}=partly` or `{name}=no`."));
            answers[name] = answer;
        }

        return (answers, null);
    }

    private static string List(IReadOnlyList<string> names) => string.Join(", ", names.Select(n => $"`{n}`"));
}
