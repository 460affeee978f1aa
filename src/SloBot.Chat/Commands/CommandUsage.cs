using SloBot.Chat.Budgets;
using SloBot.Chat.Replies;
using SloBot.Core.Catalog;
using SloBot.Core.Text;

namespace SloBot.Chat.Commands;

/// <summary>
/// Checks a command's words against its <see cref="CommandSpec"/> before the command runs: required options, unknown
/// options and words, choices, numbers and their ranges, booleans. Every problem is named at once, with the usage line
/// and an example; the command gets the parsed values (<see cref="CommandArgs.Values"/>) and checks only what needs its
/// data (is the service in the catalog, is there such a decision).
/// </summary>
internal static class CommandUsage
{
    public static (CommandArgs Args, Reply? Error) Check(CommandSpec spec, IReadOnlyList<string> words, ISloCatalog? catalog = null)
    {
        var binding = new Binding(spec);
        binding.Bind(words);
        var args = CommandArgs.Parsed(words, binding.Values);
        if (binding.Missing is { } missing)
        {
            if (missing.Kind == OptionKind.Service && catalog is { Services.Count: 0 })
                return (args, CatalogLookup.EmptyCatalog());
            var services = missing.Kind == OptionKind.Service && catalog is { Services.Count: > 0 }
                ? $" Services: {string.Join(", ", catalog.Services.Select(s => s.Name))}."
                : "";
            binding.Problems.Add(($"Which {missing.Name}?", missing.Name, services));
        }

        return binding.Problems.Count == 0 ? (args, null) : (args, Reply.BadCommand(Message(spec, binding.Problems)));
    }

    /// <summary>The problems, then the usage line and an example that shows the first option at fault.</summary>
    private static string Message(CommandSpec spec, List<(string Text, string? Option, string After)> problems)
    {
        var text = problems.Count == 1 ? problems[0].Text : string.Join("\n", problems.Select(p => "• " + p.Text)) + "\n";
        var option = problems.Select(p => p.Option).FirstOrDefault(o => o is not null);
        var example = spec.Examples.FirstOrDefault(e => option is not null && CommandArgs.Tokenize(e).Any(w => Mentions(w, option))) ?? spec.Examples.FirstOrDefault();
        var usage = example is null ? $"Usage: `{spec.Usage}`." : $"Usage: `{spec.Usage}`, for example `{example}`.";
        return $"{text}{(problems.Count == 1 ? " " : "")}{usage}{string.Concat(problems.Select(p => p.After))}";
    }

    private static bool Mentions(string word, string option) =>
        word.Equals(option, StringComparison.OrdinalIgnoreCase) || word.StartsWith(option + "=", StringComparison.OrdinalIgnoreCase);

    /// <summary>Option names compare without case, and <c>-</c> and <c>_</c> alike (<c>db_migration</c>, <c>revenue-impact</c>).</summary>
    internal static bool SameName(string a, string b) =>
        string.Equals(a.Replace('_', '-'), b.Replace('_', '-'), StringComparison.OrdinalIgnoreCase);

    internal static CommandOption? Find(CommandSpec spec, string name) =>
        spec.Options.FirstOrDefault(o => SameName(o.Name, name) || o.Aliases.Any(a => SameName(a, name)));

    /// <summary>One pass over the words: positionals in order, <c>name=value</c>, bare flags, the rest of the text.</summary>
    private sealed class Binding(CommandSpec spec)
    {
        private readonly CommandOption[] _positional = spec.Options.Where(o => o.Positional).ToArray();
        private readonly List<string> _unexpected = [];

        public Dictionary<string, object> Values { get; } = new(StringComparer.OrdinalIgnoreCase);

        public List<(string Text, string? Option, string After)> Problems { get; } = [];

        public CommandOption? Missing => spec.Options.FirstOrDefault(o => o is { Required: true, CheckedByCommand: false } && !Values.ContainsKey(o.Name) && !Problems.Any(p => p.Option == o.Name));

        public void Bind(IReadOnlyList<string> words)
        {
            var slot = 0;
            for (var i = 0; i < words.Count; i++)
            {
                while (slot < _positional.Length && Values.ContainsKey(_positional[slot].Name))
                    slot++;
                var word = words[i];
                if (slot < _positional.Length && _positional[slot].Rest)
                {
                    Rest(_positional[slot], words.Skip(i).ToArray());
                    break;
                }

                var eq = word.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                    Named(word[..eq], word[(eq + 1)..], word);
                else if (Find(spec, word) is { Kind: OptionKind.Boolean, Positional: false } flag)
                    Set(flag, "", word);
                else if (slot < _positional.Length)
                    Set(_positional[slot++], word, word);
                else
                    _unexpected.Add(word);
            }

            if (_unexpected.Count > 0)
                Problems.Add((Unexpected(), null, ""));
        }

        private void Rest(CommandOption option, string[] words)
        {
            var text = string.Join(' ', words);
            if (text.StartsWith(option.Name + "=", StringComparison.OrdinalIgnoreCase))
                text = text[(option.Name.Length + 1)..];
            if (text.Trim().Length > 0)
                Values[option.Name] = text.Trim();
        }

        private void Named(string name, string value, string word)
        {
            if (Find(spec, name) is { } option)
            {
                Set(option, value, word);
                return;
            }

            if (spec.Options.Any(o => o.Prefix && name.StartsWith(o.Name + ".", StringComparison.OrdinalIgnoreCase)))
                return; // the command's own keys (step.5.latency), read from CommandArgs.Named
            var named = spec.Options.Where(o => !o.Positional).ToArray();
            var names = named.SelectMany(o => o.Aliases.Select(a => (Typed: a, o.Name)).Prepend((Typed: o.Name, o.Name))).ToArray();
            var hint = DidYouMean.Hint(name, names.Select(n => n.Typed), m => names.First(n => n.Typed == m).Name);
            Problems.Add((named.Length == 0
                ? $"Unknown option `{name}`: `/slo {spec.Name}` takes no options."
                : $"Unknown option `{name}`{(hint.Length > 0 ? hint : ".")}", null, ""));
        }

        private void Set(CommandOption option, string text, string typed)
        {
            var (value, problem) = OptionValue.Parse(option, text, typed);
            if (problem is not null)
                Problems.Add((problem, option.Name, ""));
            else
                Values[option.Name] = value!;
        }

        private string Unexpected()
        {
            var extra = string.Join(' ', _unexpected);
            if (spec.Options.Count == 0)
                return $"`/slo {spec.Name}` takes nothing after its name, not `{extra}`.";
            var flags = spec.Options.Where(o => o is { Kind: OptionKind.Boolean, Positional: false }).Select(o => o.Name).ToArray();
            var hint = _unexpected.Count == 1 && flags.Length > 0 ? DidYouMean.Hint(extra, flags) : "";
            return hint.Length > 0 ? $"Unexpected `{extra}`{hint}" : $"Unexpected `{extra}`.";
        }
    }
}
