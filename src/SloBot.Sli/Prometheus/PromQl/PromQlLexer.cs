namespace SloBot.Sli.Prometheus.PromQl;

internal enum PromQlTokenKind
{
    Identifier,
    Number,
    String,
    Punctuation,
    Space,
    Comment,
}

/// <summary>A slice of the query text; <see cref="Text"/> is exactly what the query spelled.</summary>
internal readonly record struct PromQlToken(PromQlTokenKind Kind, string Text)
{
    public bool Is(string punctuation) => Kind == PromQlTokenKind.Punctuation && Text == punctuation;

    public bool IsSignificant => Kind is not (PromQlTokenKind.Space or PromQlTokenKind.Comment);
}

/// <summary>
/// Splits PromQL into tokens without understanding it: enough to find vector selectors (docs/prometheus.md).
/// Every character of the input is in exactly one token, so joining the texts gives the query back.
/// </summary>
internal static class PromQlLexer
{
    public static List<PromQlToken> Tokenize(string query)
    {
        var tokens = new List<PromQlToken>();
        var i = 0;
        while (i < query.Length)
        {
            var start = i;
            var c = query[i];
            PromQlTokenKind kind;
            if (char.IsWhiteSpace(c))
            {
                while (i < query.Length && char.IsWhiteSpace(query[i]))
                    i++;
                kind = PromQlTokenKind.Space;
            }
            else if (c == '#')
            {
                while (i < query.Length && query[i] != '\n')
                    i++;
                kind = PromQlTokenKind.Comment;
            }
            else if (c is '"' or '\'' or '`')
            {
                i++;
                while (i < query.Length && query[i] != c)
                    i += query[i] == '\\' && c != '`' ? 2 : 1;
                i = Math.Min(i + 1, query.Length);
                kind = PromQlTokenKind.String;
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < query.Length && char.IsAsciiDigit(query[i + 1])))
            {
                // Numbers, hex, exponents and durations ("5m", "1h30m", "1e-3").
                while (i < query.Length && (char.IsAsciiLetterOrDigit(query[i]) || query[i] == '.' ||
                       IsExponentSign(query, i)))
                    i++;
                kind = PromQlTokenKind.Number;
            }
            else if (char.IsAsciiLetter(c) || c is '_' or ':')
            {
                while (i < query.Length && (char.IsAsciiLetterOrDigit(query[i]) || query[i] is '_' or ':'))
                    i++;
                kind = PromQlTokenKind.Identifier;
            }
            else
            {
                i++;
                kind = PromQlTokenKind.Punctuation;
            }

            tokens.Add(new PromQlToken(kind, query[start..i]));
        }

        return tokens;
    }

    /// <summary>The sign of "1e-3" belongs to the number; the "-" of "5m-3" does not.</summary>
    private static bool IsExponentSign(string query, int i) =>
        query[i] is '+' or '-' && i >= 2 && query[i - 1] is 'e' or 'E' && (char.IsAsciiDigit(query[i - 2]) || query[i - 2] == '.');
}
