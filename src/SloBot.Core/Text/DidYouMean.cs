namespace SloBot.Core.Text;

/// <summary>Closest-name suggestions for typos ("paymnet" → "payment").</summary>
public static class DidYouMean
{
    /// <summary>
    /// The one did-you-mean phrase SloBot writes: <c>" — did you mean `payment`?"</c>, or "" when nothing is close.
    /// <paramref name="show"/> turns the suggestion into what to type (<c>tier=critical</c>, <c>/slo budget</c>).
    /// </summary>
    public static string Hint(string input, IEnumerable<string> candidates, Func<string, string>? show = null) =>
        Suggest(input, candidates) is { } match ? Phrase(show is null ? match : show(match)) : "";

    /// <summary>
    /// <see cref="Hint"/>, or <paramref name="otherwise"/> when nothing is close: the end of a sentence either way
    /// (<c>"no service `x`" + HintOr(…)</c> reads "no service `x` — did you mean `y`?" or "no service `x`.").
    /// </summary>
    public static string HintOr(string otherwise, string input, IEnumerable<string> candidates, Func<string, string>? show = null) =>
        Hint(input, candidates, show) is { Length: > 0 } hint ? hint : otherwise;

    /// <summary>The phrase for a suggestion found some other way (<c>" — did you mean `error-prone`?"</c>).</summary>
    public static string Phrase(string suggestion) => $" — {Question(suggestion)}";

    /// <summary>The question alone, for a separate hint field (a catalog problem's hint): <c>"did you mean `targetPercent`?"</c>.</summary>
    public static string Question(string suggestion) => $"did you mean `{suggestion}`?";

    /// <summary>The candidate closest to <paramref name="input"/>, if it is close enough to be a likely typo.</summary>
    public static string? Suggest(string input, IEnumerable<string> candidates)
    {
        var list = candidates as IReadOnlyCollection<string> ?? candidates.ToArray();
        var prefixed = list.Where(c => c.StartsWith(input, StringComparison.OrdinalIgnoreCase)).Take(2).ToArray();
        if (input.Length >= 3 && prefixed.Length == 1)
            return prefixed[0];

        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in list)
        {
            var d = Distance(input.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }

        var allowed = Math.Max(1, Math.Min(3, input.Length / 3));
        return bestDistance <= allowed ? best : null;
    }

    /// <summary>Optimal string alignment distance (Levenshtein with adjacent transpositions).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }

        return d[a.Length, b.Length];
    }
}
