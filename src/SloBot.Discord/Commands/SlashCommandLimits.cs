using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SloBot.Discord.Commands;

/// <summary>
/// Discord's limits on chat-input commands (interactions/application-commands.mdx): names 1–32 characters of
/// <c>^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$</c>, lowercase where a letter has a lowercase form, unique per level;
/// descriptions 1–100; at most 25 options per level and 25 choices (names 1–100, string values ≤ 100); required options
/// before optional ones; only command → group → subcommand nesting; 8,000 characters of names, descriptions and choice
/// names and values per top-level command; 100 chat-input commands per scope. Problems are reported, never cut.
/// </summary>
internal static partial class SlashCommandLimits
{
    public const int MaxOptions = 25;
    public const int MaxChoices = 25;
    public const int MaxCharacters = 8000;
    public const int MaxCommands = 100;

    /// <summary>Every broken limit, each naming the path where it is; empty when Discord would accept the commands.</summary>
    public static IReadOnlyList<string> Check(JsonArray commands)
    {
        var problems = new List<string>();
        if (commands.Count > MaxCommands)
            problems.Add($"{commands.Count} top-level commands; Discord allows {MaxCommands}");
        Unique(commands, "the command list", problems);
        foreach (var command in commands.OfType<JsonObject>())
        {
            var path = "/" + Str(command["name"]);
            CheckNamed(command, path, problems);
            var size = Characters(command);
            if (size > MaxCharacters)
                problems.Add($"{path}: {size} characters of names, descriptions and choices; Discord allows {MaxCharacters}");
            CheckOptions(command, path, depth: 0, problems);
        }

        return problems;
    }

    /// <summary>Characters Discord counts toward the 8,000: names, descriptions, choice names and values, at every level.</summary>
    public static int Characters(JsonNode? node)
    {
        if (node is not JsonObject o)
            return 0;
        var size = Str(o["name"]).Length + Str(o["description"]).Length;
        foreach (var choice in (o["choices"] as JsonArray ?? []).OfType<JsonObject>())
            size += Str(choice["name"]).Length + ValueText(choice["value"]).Length;
        foreach (var option in o["options"] as JsonArray ?? [])
            size += Characters(option);
        return size;
    }

    private static void CheckOptions(JsonObject parent, string path, int depth, List<string> problems)
    {
        if (parent["options"] is not JsonArray options)
            return;
        if (options.Count > MaxOptions)
            problems.Add($"{path}: {options.Count} options; Discord allows {MaxOptions} per level");
        Unique(options, path, problems);
        var optionalSeen = false;
        foreach (var option in options.OfType<JsonObject>())
        {
            var type = (int?)option["type"] ?? 0;
            var at = $"{path} {Str(option["name"])}";
            CheckNamed(option, at, problems);
            var parentType = depth == 0 ? 0 : (int?)parent["type"] ?? 0;
            if (type == 2 && depth != 0)
                problems.Add($"{at}: a subcommand group may only sit directly under the command");
            if (type == 1 && parentType is not (0 or 2))
                problems.Add($"{at}: a subcommand may only sit under the command or a group");
            if (parentType == 2 && type != 1)
                problems.Add($"{at}: a group may only hold subcommands");
            if (type is 1 or 2)
            {
                CheckOptions(option, at, depth + 1, problems);
                continue;
            }

            var required = option["required"]?.GetValue<bool>() == true;
            if (required && optionalSeen)
                problems.Add($"{at}: a required option after an optional one (Discord wants required options first)");
            optionalSeen |= !required;
            if (option["choices"] is JsonArray choices)
                CheckChoices(choices, option, at, problems);
        }
    }

    private static void CheckChoices(JsonArray choices, JsonObject option, string at, List<string> problems)
    {
        if (choices.Count > MaxChoices)
            problems.Add($"{at}: {choices.Count} choices; Discord allows {MaxChoices}");
        if (option["autocomplete"]?.GetValue<bool>() == true)
            problems.Add($"{at}: autocomplete and choices cannot both be set");
        foreach (var choice in choices.OfType<JsonObject>())
        {
            var name = Str(choice["name"]);
            if (name.Length is < 1 or > 100)
                problems.Add($"{at}: choice name '{name}' has {name.Length} characters; Discord allows 1–100");
            if (choice["value"] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length > 100)
                problems.Add($"{at}: choice value of '{name}' is longer than 100 characters");
        }
    }

    private static void CheckNamed(JsonObject node, string at, List<string> problems)
    {
        var name = Str(node["name"]);
        if (!NamePattern().IsMatch(name))
            problems.Add($"{at}: name '{name}' is not 1–32 letters, digits, '-', '_' or '''");
        else if (name.Any(c => char.ToLowerInvariant(c) != c))
            problems.Add($"{at}: name '{name}' must be lowercase");
        var description = Str(node["description"]);
        if (description.Length is < 1 or > 100)
            problems.Add($"{at}: description has {description.Length} characters; Discord allows 1–100");
    }

    private static void Unique(JsonArray nodes, string at, List<string> problems)
    {
        foreach (var twice in nodes.Select(n => Str(n?["name"])).GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add($"{at}: the name '{twice.Key}' is used {twice.Count()} times; names must be unique per level");
    }

    private static string Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    private static string ValueText(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<double>(out var d) => d.ToString(CultureInfo.InvariantCulture),
        _ => "",
    };

    [GeneratedRegex(@"^[-_'\p{L}\p{N}\p{IsDevanagari}\p{IsThai}]{1,32}$")]
    private static partial Regex NamePattern();
}
