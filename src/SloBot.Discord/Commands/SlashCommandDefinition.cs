using System.Text;
using System.Text.Json.Nodes;
using SloBot.Chat.Commands;

namespace SloBot.Discord.Commands;

/// <summary>
/// The <c>/slo</c> application command built from the chat layer's <see cref="CommandSpec"/>s: one-word commands
/// become subcommands, two-word ones ("retro start") a subcommand group and a subcommand; service options
/// autocomplete. Also the canonical form used to tell whether the registered command is already up to date.
/// </summary>
internal static class SlashCommandDefinition
{
    public const string RootName = "slo";
    private const int MaxOptions = 25;

    public static JsonObject Build(IReadOnlyList<CommandSpec> specs)
    {
        var top = new List<JsonObject>();
        var groups = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            var words = spec.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 1)
            {
                top.Add(Subcommand(Name(words[0]), spec));
                continue;
            }

            var groupName = Name(words[0]);
            if (!groups.TryGetValue(groupName, out var group))
            {
                group = new JsonObject { ["type"] = 2, ["name"] = groupName, ["description"] = Description($"{words[0]} commands"), ["options"] = new JsonArray() };
                groups[groupName] = group;
                top.Add(group);
            }

            var subs = (JsonArray)group["options"]!;
            if (subs.Count < MaxOptions)
                subs.Add(Subcommand(Name(string.Join('-', words.Skip(1))), spec));
        }

        // A name cannot be both a subcommand and a group: the group (with its subcommands) wins.
        var options = top.Where(o => (int)o["type"]! == 2 || !groups.ContainsKey((string)o["name"]!)).Take(MaxOptions);
        return new JsonObject
        {
            ["name"] = RootName,
            ["type"] = 1,
            ["description"] = "SLOs in chat: error budgets, status, releases, retrospectives, reviews",
            ["options"] = new JsonArray(options.Select(o => (JsonNode)o).ToArray()),
        };
    }

    /// <summary>The fields SloBot sets, in a fixed shape, so a command Discord returns compares equal to the one built.</summary>
    public static string Canonical(JsonNode? command)
    {
        var sb = new StringBuilder();
        Write(command, sb);
        return sb.ToString();
    }

    public static string Name(string word)
    {
        var chars = word.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray();
        var name = new string(chars);
        return name.Length == 0 ? "x" : name.Length > 32 ? name[..32] : name;
    }

    private static JsonObject Subcommand(string name, CommandSpec spec)
    {
        var options = spec.Options.OrderByDescending(o => o.Required).Take(MaxOptions).Select(Option);
        return new JsonObject
        {
            ["type"] = 1,
            ["name"] = name,
            ["description"] = Description(spec.Summary),
            ["options"] = new JsonArray(options.Select(o => (JsonNode)o).ToArray()),
        };
    }

    private static JsonObject Option(CommandOption option)
    {
        var json = new JsonObject
        {
            ["type"] = option.Kind switch
            {
                OptionKind.Integer => 4,
                OptionKind.Number => 10,
                OptionKind.Boolean => 5,
                _ => 3,
            },
            ["name"] = Name(option.Name),
            ["description"] = Description(option.Description),
            ["required"] = option.Required,
        };
        if (option.Choices is { Count: > 0 } choices)
            json["choices"] = new JsonArray(choices.Take(25).Select(c => (JsonNode)new JsonObject { ["name"] = Trim(c, 100), ["value"] = Trim(c, 100) }).ToArray());
        else if (option.Kind == OptionKind.Service)
            json["autocomplete"] = true;
        return json;
    }

    private static string Description(string text) => text.Length == 0 ? "—" : Trim(text, 100);

    private static string Trim(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static void Write(JsonNode? node, StringBuilder sb)
    {
        if (node is not JsonObject o)
        {
            sb.Append("null");
            return;
        }

        sb.Append('{')
            .Append(o["type"]?.ToJsonString() ?? "1").Append('|')
            .Append(o["name"]?.GetValue<string>()).Append('|')
            .Append(o["description"]?.GetValue<string>()).Append('|')
            .Append(o["required"]?.GetValue<bool>() ?? false).Append('|')
            .Append(o["autocomplete"]?.GetValue<bool>() ?? false).Append('|');
        if (o["choices"] is JsonArray choices)
        {
            foreach (var c in choices)
                sb.Append(c?["name"]?.ToJsonString()).Append('=').Append(c?["value"]?.ToJsonString()).Append(';');
        }

        sb.Append('[');
        if (o["options"] is JsonArray options)
        {
            foreach (var child in options)
                Write(child, sb);
        }

        sb.Append("]}");
    }
}
