using SloBot.Core.Text;

namespace SloBot.Core.Tiers;

/// <summary>The answers given so far, one value per criterion. Criteria left out score nothing, as in the document.</summary>
public sealed record TierAnswers(IReadOnlyDictionary<TierCriterion, TierCriterionValue> Values)
{
    public bool IsComplete => TierMatrix.Criteria.All(Values.ContainsKey);

    public IReadOnlyList<TierCriterion> Missing => TierMatrix.Criteria.Where(c => !Values.ContainsKey(c)).ToArray();

    public TierCriterionValue? this[TierCriterion criterion] => Values.GetValueOrDefault(criterion);

    /// <summary>
    /// Reads <c>name=value</c> pairs (chat names or the document's keys). Unknown names and values become
    /// problems with the valid choices and a did-you-mean; criteria not given are simply absent.
    /// </summary>
    public static (TierAnswers Answers, IReadOnlyList<string> Problems) Parse(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var values = new Dictionary<TierCriterion, TierCriterionValue>();
        var problems = new List<string>();
        foreach (var (name, value) in pairs)
        {
            var criterion = TierMatrix.Find(name);
            if (criterion is null)
            {
                var names = TierMatrix.Criteria.Select(c => c.ShortName).ToArray();
                var hint = DidYouMean.HintOr(".", name, names);
                problems.Add($"`{name}` is not a tier question{hint} The questions are {string.Join(", ", names.Select(n => $"`{n}`"))}.");
                continue;
            }

            var answer = criterion.Find(value);
            if (answer is null)
            {
                var hint = DidYouMean.HintOr(".", value, criterion.ValueNames, m => $"{criterion.ShortName}={m}");
                problems.Add($"`{value}` is not an answer to `{criterion.ShortName}`{hint} Choose one of {string.Join(", ", criterion.ValueNames.Select(n => $"`{n}`"))}.");
                continue;
            }

            values[criterion] = answer;
        }

        return (new TierAnswers(values), problems);
    }

    /// <summary>Answers from the document's own dictionary, e.g. <c>{"revenue_impact": "direct"}</c>; unknown keys or values are ignored as the Python does.</summary>
    public static TierAnswers FromDocumentKeys(IEnumerable<KeyValuePair<string, string>> characteristics)
    {
        var values = new Dictionary<TierCriterion, TierCriterionValue>();
        foreach (var (key, value) in characteristics)
        {
            var criterion = TierMatrix.Criteria.FirstOrDefault(c => c.Key == key);
            if (criterion?.Values.FirstOrDefault(v => v.Name == value) is { } answer)
                values[criterion] = answer;
        }

        return new TierAnswers(values);
    }
}
