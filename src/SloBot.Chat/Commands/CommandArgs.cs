using System.Text;

namespace SloBot.Chat.Commands;

/// <summary>
/// A command's words after its name: positionals, <c>name=value</c> pairs and bare words, quote-aware; and, once the
/// router has checked them against the command's <see cref="CommandSpec"/>, the parsed value of each option by name.
/// </summary>
public sealed class CommandArgs
{
    private static readonly IReadOnlyDictionary<string, object> NoValues = new Dictionary<string, object>();

    private CommandArgs(IReadOnlyList<string> words, IReadOnlyDictionary<string, object>? values = null)
    {
        Words = words;
        Values = values ?? NoValues;
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

    /// <summary>The options' parsed values by the spec's names (choices as the spec spells them, the rest of the text as typed).</summary>
    public IReadOnlyDictionary<string, object> Values { get; }

    public bool Has(string option) => Values.ContainsKey(option);

    public string? Text(string option) => Values.GetValueOrDefault(option) as string;

    public int? Integer(string option) => Values.GetValueOrDefault(option) as int?;

    public double? Number(string option) => Values.GetValueOrDefault(option) as double?;

    /// <summary>A boolean option: true when given bare or as <c>name=true</c>.</summary>
    public bool Flag(string option) => Values.GetValueOrDefault(option) is true;

    public static CommandArgs Parse(IEnumerable<string> words) => new(words.ToArray());

    internal static CommandArgs Parsed(IReadOnlyList<string> words, IReadOnlyDictionary<string, object> values) => new(words, values);

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
