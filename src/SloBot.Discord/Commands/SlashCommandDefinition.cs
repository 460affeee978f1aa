using System.Text;
using System.Text.Json.Nodes;
using SloBot.Chat.Commands;

namespace SloBot.Discord.Commands;

/// <summary>
/// The application commands built from the chat layer's <see cref="CommandSpec"/>s (laid out by <see cref="CommandLayout"/>):
/// service options autocomplete, required options come first, nothing is cut (<see cref="SlashCommandLimits"/> reports
/// what Discord would refuse). Also the canonical form used to tell whether the registered commands are up to date.
/// </summary>
internal static class SlashCommandDefinition
{
    public const string RootName = "slo";

    /// <summary>The top-level commands, <c>/slo</c> first, then <c>/slo-more</c>… when <c>/slo</c> is full.</summary>
    public static JsonArray Build(IReadOnlyList<CommandSpec> specs) => CommandLayout.Create(specs).Commands;

    /// <summary>The fields SloBot sets, in a fixed shape, so a command Discord returns compares equal to the one built.</summary>
    public static string Canonical(IEnumerable<JsonNode?> commands)
    {
        var sb = new StringBuilder();
        foreach (var command in commands.OrderBy(c => c?["name"]?.GetValue<string>(), StringComparer.Ordinal))
            Write(command, sb);
        return sb.ToString();
    }

    /// <summary>A SloBot word as a Discord name: lowercase, other characters as '-' (never cut: the limits check names a long one).</summary>
    public static string Name(string word)
    {
        var chars = word.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray();
        return chars.Length == 0 ? "x" : new string(chars);
    }

    public static JsonObject Subcommand(string name, CommandSpec spec)
    {
        var options = spec.Options.OrderByDescending(o => o.Required).Select(Option);
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
            json["choices"] = new JsonArray(choices.Select(c => (JsonNode)new JsonObject { ["name"] = c, ["value"] = c }).ToArray());
        else if (option.Kind == OptionKind.Service)
            json["autocomplete"] = true;
        return json;
    }

    private static string Description(string text) => text.Length == 0 ? "—" : text;

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
