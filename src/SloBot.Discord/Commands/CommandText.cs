using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SloBot.Chat.Commands;

namespace SloBot.Discord.Commands;

/// <summary>
/// Turns a slash command's options back into the text the chat layer parses ("budget payment"): the subcommand
/// path, then the spec's positional options in order, then the others as <c>name=value</c> (true booleans bare).
/// </summary>
internal static class CommandText
{
    public static string Build(JsonNode? data, IReadOnlyList<CommandSpec> specs)
    {
        var (path, leaves) = Walk(data);
        var spec = specs.FirstOrDefault(s => string.Join(' ', s.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(SlashCommandDefinition.Name)) == string.Join(' ', path));
        var words = new List<string>(path);
        var remaining = new List<(string Name, JsonNode? Value)>(leaves);
        foreach (var option in spec?.Options.Where(o => o.Positional) ?? [])
        {
            var at = remaining.FindIndex(l => l.Name == SlashCommandDefinition.Name(option.Name));
            if (at < 0)
                continue;
            words.Add(Quote(Value(remaining[at].Value)));
            remaining.RemoveAt(at);
        }

        foreach (var (name, value) in remaining)
        {
            if (value is JsonValue v && v.GetValueKind() is JsonValueKind.True)
                words.Add(name);
            else
                words.Add($"{name}={Quote(Value(value))}");
        }

        return string.Join(' ', words);
    }

    /// <summary>The option being typed in an autocomplete interaction: the command ("budget"), option name and text so far.</summary>
    public static (string Command, string Option, string Typed)? Focused(JsonNode? data)
    {
        var (path, _) = Walk(data);
        var options = data?["options"] as JsonArray;
        while (options?.FirstOrDefault(o => (int?)o?["type"] is 1 or 2) is { } nested)
            options = nested["options"] as JsonArray;
        var focused = options?.FirstOrDefault(o => o?["focused"]?.GetValue<bool>() == true);
        if (focused is null)
            return null;
        return (string.Join(' ', path), focused["name"]?.GetValue<string>() ?? "", Value(focused["value"]));
    }

    private static (List<string> Path, List<(string Name, JsonNode? Value)> Leaves) Walk(JsonNode? data)
    {
        var path = new List<string>();
        var leaves = new List<(string, JsonNode?)>();
        var options = data?["options"] as JsonArray;
        while (options is not null)
        {
            var nested = options.FirstOrDefault(o => (int?)o?["type"] is 1 or 2);
            if (nested is null)
            {
                leaves.AddRange(options.Where(o => o is not null).Select(o => (o!["name"]?.GetValue<string>() ?? "", o["value"])));
                break;
            }

            path.Add(nested["name"]?.GetValue<string>() ?? "");
            options = nested["options"] as JsonArray;
        }

        return (path, leaves);
    }

    private static string Value(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<double>().ToString(CultureInfo.InvariantCulture),
        _ => value.ToJsonString(),
    };

    private static string Quote(string value)
    {
        if (value.Length > 0 && !value.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '“' or '”' or '‘' or '’'))
            return value;
        return value.Contains('"', StringComparison.Ordinal) ? $"'{value}'" : $"\"{value}\"";
    }
}
