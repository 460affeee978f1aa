using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SloBot.Chat.Commands;

namespace SloBot.Discord.Commands;

/// <summary>
/// Turns a slash command's options back into the text the chat layer parses ("budget payment"): the command's own
/// words (whatever Discord path it sits at: <c>/slo-more plan</c> is "plan"), then the spec's positional options in
/// order, then the others as <c>name=value</c> with the spec's option names (true booleans bare).
/// </summary>
internal static class CommandText
{
    public static string Build(JsonNode? data, CommandLayout layout)
    {
        var (path, leaves) = Walk(data);
        var spec = layout.Find(path);
        var words = spec is null ? path.Skip(1).ToList() : [.. spec.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        var remaining = new List<(string Name, JsonNode? Value)>(leaves);
        foreach (var option in spec?.Options.Where(o => o.Positional) ?? [])
        {
            var at = remaining.FindIndex(l => l.Name == SlashCommandDefinition.Name(option.Name));
            if (at < 0)
                continue;
            words.Add(Quote(Value(remaining[at].Value)));
            remaining.RemoveAt(at);
        }

        foreach (var (discordName, value) in remaining)
        {
            var name = spec?.Options.FirstOrDefault(o => SlashCommandDefinition.Name(o.Name) == discordName)?.Name ?? discordName;
            if (value is JsonValue v && v.GetValueKind() is JsonValueKind.True)
                words.Add(name);
            else
                words.Add($"{name}={Quote(Value(value))}");
        }

        return string.Join(' ', words);
    }

    /// <summary>The option being typed in an autocomplete interaction: the command ("budget"), option name and text so far.</summary>
    public static (string Command, string Option, string Typed)? Focused(JsonNode? data, CommandLayout layout)
    {
        var (path, _) = Walk(data);
        var spec = layout.Find(path);
        var options = Get(data, "options") as JsonArray;
        while (options?.FirstOrDefault(o => Int(Get(o, "type")) is 1 or 2) is { } nested)
            options = Get(nested, "options") as JsonArray;
        var focused = options?.FirstOrDefault(o => Get(o, "focused") is JsonValue f && f.GetValueKind() == JsonValueKind.True);
        if (focused is null)
            return null;
        var name = Str(Get(focused, "name"));
        var option = spec?.Options.FirstOrDefault(o => SlashCommandDefinition.Name(o.Name) == name)?.Name ?? name;
        return (spec?.Name ?? string.Join(' ', path.Skip(1)), option, Value(Get(focused, "value")));
    }

    private static (List<string> Path, List<(string Name, JsonNode? Value)> Leaves) Walk(JsonNode? data)
    {
        var path = new List<string> { Str(Get(data, "name")) is { Length: > 0 } root ? root : SlashCommandDefinition.RootName };
        var leaves = new List<(string, JsonNode?)>();
        var options = Get(data, "options") as JsonArray;
        while (options is not null)
        {
            var nested = options.FirstOrDefault(o => Int(Get(o, "type")) is 1 or 2);
            if (nested is null)
            {
                leaves.AddRange(options.Where(o => o is not null).Select(o => (Str(Get(o, "name")), Get(o, "value"))));
                break;
            }

            path.Add(Str(Get(nested, "name")));
            options = Get(nested, "options") as JsonArray;
        }

        return (path, leaves);
    }

    private static string Str(JsonNode? node) => Inbound.InteractionParser.Str(node) ?? "";

    private static JsonNode? Get(JsonNode? node, string name) => Inbound.InteractionParser.Get(node, name);

    private static int? Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    private static string Value(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Str(v),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.TryGetValue<double>(out var d) && double.IsFinite(d) ? d.ToString(CultureInfo.InvariantCulture) : v.ToJsonString(),
        _ => value.ToJsonString(),
    };

    /// <summary>
    /// The value as one word of the chat layer's tokenizer, which has quotes but no escapes: characters that would end
    /// a double-quoted run (straight or curly double quotes) go in single-quoted runs, and adjacent runs join.
    /// </summary>
    private static string Quote(string value)
    {
        if (value.Length > 0 && !value.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '“' or '”' or '‘' or '’'))
            return value;
        var sb = new StringBuilder();
        char? open = null;
        foreach (var c in value)
        {
            var quote = c is '"' or '“' or '”' ? '\'' : '"';
            if (open != quote)
            {
                if (open is { } o)
                    sb.Append(o);
                sb.Append(quote);
                open = quote;
            }

            sb.Append(c);
        }

        return open is { } last ? sb.Append(last).ToString() : "\"\"";
    }
}
