using System.Text.Json.Nodes;
using SloBot.Chat.Commands;

namespace SloBot.Discord.Commands;

/// <summary>
/// Where each SloBot command sits on Discord, within Discord's limits and without dropping any: one-word commands are
/// subcommands (<c>/slo budget</c>), two-word ones a group and a subcommand (<c>/slo retro start</c>). These entries fill
/// <c>/slo</c> in the command list's order while it has room (25 options, 8,000 characters); an entry that does not fit
/// goes to the first of <c>/slo-more</c>, <c>/slo-more-2</c>, … that has room, with the same words after the command.
/// A group of more than 25 subcommands is split in chunks of 25 that share its name in different top-level commands.
/// </summary>
internal sealed class CommandLayout
{
    public const string MoreName = "slo-more";
    private const string RootDescription = "SLOs in chat: error budgets, status, releases, retrospectives, reviews";
    private const string MoreDescription = "More SloBot commands (Discord allows 25 per command)";

    private readonly Dictionary<string, CommandSpec> _byPath;

    private CommandLayout(JsonArray commands, Dictionary<string, CommandSpec> byPath)
    {
        Commands = commands;
        _byPath = byPath;
    }

    /// <summary>The top-level commands to register (<c>slo</c> first).</summary>
    public JsonArray Commands { get; }

    public IEnumerable<string> Names => Commands.Select(c => (string)c!["name"]!);

    /// <summary>The command at a Discord path ("slo", "retro", "start"), or null when SloBot has none there.</summary>
    public CommandSpec? Find(IReadOnlyList<string> path) => _byPath.GetValueOrDefault(string.Join(' ', path));

    /// <summary>The words a user types on Discord for a command ("/slo-more plan").</summary>
    public string PathOf(CommandSpec spec) => _byPath.FirstOrDefault(p => p.Value.Name == spec.Name).Key is { } path ? "/" + path : "/slo " + spec.Name;

    public static CommandLayout Create(IReadOnlyList<CommandSpec> specs)
    {
        var entries = Entries(specs);
        var roots = new List<Root>();
        var byPath = new Dictionary<string, CommandSpec>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var root = roots.FirstOrDefault(r => r.Fits(entry));
            if (root is null)
            {
                root = roots.Count == 0
                    ? new Root(SlashCommandDefinition.RootName, RootDescription)
                    : new Root(roots.Count == 1 ? MoreName : $"{MoreName}-{roots.Count}", MoreDescription);
                roots.Add(root);
            }

            root.Add(entry);
            foreach (var (path, spec) in entry.Paths)
                byPath[$"{root.Name} {path}"] = spec;
        }

        return new CommandLayout(new JsonArray(roots.Select(r => (JsonNode)r.Json).ToArray()), byPath);
    }

    private static List<Entry> Entries(IReadOnlyList<CommandSpec> specs)
    {
        var words = specs.Select(s => s.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        var families = words.Where(w => w.Length > 1).Select(w => SlashCommandDefinition.Name(w[0])).ToHashSet(StringComparer.Ordinal);
        var order = new List<string>();
        var singles = new Dictionary<string, (JsonObject Node, CommandSpec Spec)>(StringComparer.Ordinal);
        var groups = new Dictionary<string, List<(string Sub, JsonObject Node, CommandSpec Spec)>>(StringComparer.Ordinal);
        for (var i = 0; i < specs.Count; i++)
        {
            if (words[i].Length == 0)
                continue;
            var first = SlashCommandDefinition.Name(words[i][0]);
            // A name cannot be both a subcommand and a group: a one-word command sharing its group's name joins it (/slo review review).
            var sub = words[i].Length > 1 ? SlashCommandDefinition.Name(string.Join('-', words[i].Skip(1))) : first;
            if (!families.Contains(first))
            {
                order.Add(first);
                singles[first] = (SlashCommandDefinition.Subcommand(first, specs[i]), specs[i]);
                continue;
            }

            if (!groups.TryGetValue(first, out var members))
            {
                groups[first] = members = [];
                order.Add(first);
            }

            members.Add((sub, SlashCommandDefinition.Subcommand(sub, specs[i]), specs[i]));
        }

        var entries = new List<Entry>();
        foreach (var name in order.Distinct(StringComparer.Ordinal))
        {
            if (singles.TryGetValue(name, out var single))
            {
                entries.Add(new Entry(name, single.Node, [(name, single.Spec)]));
                continue;
            }

            foreach (var chunk in groups[name].Chunk(SlashCommandLimits.MaxOptions))
            {
                var group = new JsonObject
                {
                    ["type"] = 2,
                    ["name"] = name,
                    ["description"] = $"{name} commands",
                    ["options"] = new JsonArray(chunk.Select(m => (JsonNode)m.Node).ToArray()),
                };
                entries.Add(new Entry(name, group, chunk.Select(m => ($"{name} {m.Sub}", m.Spec)).ToArray()));
            }
        }

        return entries;
    }

    private sealed record Entry(string Name, JsonObject Json, IReadOnlyList<(string Path, CommandSpec Spec)> Paths)
    {
        public int Size { get; } = SlashCommandLimits.Characters(Json);
    }

    private sealed class Root(string name, string description)
    {
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);
        private int _size = name.Length + description.Length;

        public string Name => name;

        public JsonObject Json { get; } = new() { ["name"] = name, ["type"] = 1, ["description"] = description, ["options"] = new JsonArray() };

        // An entry too big for any command still gets a command of its own; the limits check then names it.
        public bool Fits(Entry entry) => !_names.Contains(entry.Name)
            && (_names.Count == 0 || (_names.Count < SlashCommandLimits.MaxOptions && _size + entry.Size <= SlashCommandLimits.MaxCharacters));

        public void Add(Entry entry)
        {
            _names.Add(entry.Name);
            _size += entry.Size;
            ((JsonArray)Json["options"]!).Add(entry.Json);
        }
    }
}
