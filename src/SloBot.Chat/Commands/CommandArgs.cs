using System.Text;

namespace SloBot.Chat.Commands;

/// <summary>A command's words after its name: positionals, <c>name=value</c> pairs and bare words, quote-aware.</summary>
public sealed class CommandArgs
{
    private CommandArgs(IReadOnlyList<string> words)
    {
        Words = words;
        var named = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var positional = new List<string>();
        foreach (var w in words)
        {
            var eq = w.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
                named[w[..eq]] = w[(eq + 1)..];
            else
                positional.Add(w);
        }

        Named = named;
        Positional = positional;
    }

    public IReadOnlyList<string> Words { get; }

    /// <summary>Words without '=', in order (values and bare flags alike).</summary>
    public IReadOnlyList<string> Positional { get; }

    public IReadOnlyDictionary<string, string> Named { get; }

    public string? At(int index) => index < Positional.Count ? Positional[index] : null;

    public static CommandArgs Parse(IEnumerable<string> words) => new(words.ToArray());

    /// <summary>Splits on whitespace; double or single quotes group words; smart quotes count as quotes.</summary>
    public static IReadOnlyList<string> Tokenize(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        char? quote = null;
        var inWord = false;
        foreach (var raw in text)
        {
            var c = raw is '“' or '”' ? '"' : raw is '‘' or '’' ? '\'' : raw;
            if (quote is not null)
            {
                if (c == quote)
                    quote = null;
                else
                    current.Append(c);
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                    words.Add(current.ToString());
                current.Clear();
                inWord = false;
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }

        if (inWord)
            words.Add(current.ToString());
        return words;
    }
}
