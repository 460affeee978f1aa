using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using SloBot.Chat.Commands;
using SloBot.Chat.Events;
using SloBot.Discord.Commands;
using SloBot.Discord.Rendering;

namespace SloBot.Discord.Inbound;

/// <summary>Interaction types (interactions/receiving-and-responding.mdx).</summary>
internal static class InteractionType
{
    public const int Ping = 1;
    public const int ApplicationCommand = 2;
    public const int MessageComponent = 3;
    public const int Autocomplete = 4;
    public const int ModalSubmit = 5;
}

/// <summary>Turns an interaction object into the same <see cref="ChatEvent"/>s Slack produces.</summary>
internal sealed class InteractionParser(ButtonIds buttonIds)
{
    public const string Platform = "discord";

    private (IReadOnlyList<CommandSpec> Specs, CommandLayout Layout)? _layout;

    /// <summary>Where the commands sit on Discord, built once per command list (the router's list does not change).</summary>
    public CommandLayout Layout(IReadOnlyList<CommandSpec> specs)
    {
        if (_layout is { } cached && (ReferenceEquals(cached.Specs, specs) || cached.Specs.Select(s => s.Name).SequenceEqual(specs.Select(s => s.Name), StringComparer.Ordinal)))
            return cached.Layout;
        var layout = CommandLayout.Create(specs);
        _layout = (specs, layout);
        return layout;
    }

    /// <summary>
    /// Reads a payload (an HTTP interaction body or a Gateway frame) into a JSON object whose every property name is
    /// already decoded, so no later lookup can throw: bytes that are not valid UTF-8, not JSON, not an object, or with a
    /// property name that is not valid text (an escaped lone surrogate) give null and the reason.
    /// </summary>
    public static JsonObject? Read(ReadOnlySpan<byte> utf8, out string? refused)
    {
        refused = null;
        if (!Utf8.IsValid(utf8))
        {
            refused = "not valid UTF-8";
            return null;
        }

        try
        {
            if (JsonNode.Parse(utf8) is not JsonObject payload)
            {
                refused = "not a JSON object";
                return null;
            }

            DecodeNames(payload); // JsonObject decodes its names on first lookup; do it here, where failure is expected
            return payload;
        }
        catch (JsonException)
        {
            refused = "not valid JSON";
        }
        catch (InvalidOperationException)
        {
            refused = "a property name is not valid text";
        }
        catch (ArgumentException)
        {
            refused = "a property name appears twice in one object";
        }

        return null;
    }

    private static void DecodeNames(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, value) in o)
                    DecodeNames(value);
                break;
            case JsonArray a:
                foreach (var item in a)
                    DecodeNames(item);
                break;
        }
    }

    /// <summary>The chat event for an interaction, or null (a type SloBot ignores, or an object not read by <see cref="Read"/> whose names are not valid text).</summary>
    public ChatEvent? Parse(JsonObject interaction, IReadOnlyList<CommandSpec> specs, DateTimeOffset receivedAt)
    {
        try
        {
            DecodeNames(interaction); // a no-op walk for objects from Read
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            return null;
        }

        var id = Str(interaction["id"]) ?? "";
        var where = Where(interaction);
        var user = User(interaction);
        var data = interaction["data"];
        switch (Int(interaction["type"]))
        {
            case InteractionType.ApplicationCommand:
                return new CommandEvent(id, where, user, receivedAt, CommandText.Build(data, Layout(specs)));
            case InteractionType.MessageComponent:
                var customId = Str(Get(data, "custom_id")) ?? "";
                var (action, value) = buttonIds.Decode(customId) ?? (customId, null);
                if (Get(data, "values") is JsonArray { Count: > 0 } selected)
                    value = Str(selected[0]);
                return new ButtonClick(id, where, user, receivedAt, action, value, Str(Get(interaction["message"], "id")));
            case InteractionType.ModalSubmit:
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                CollectInputs(Get(data, "components"), values);
                return new ModalSubmit(id, where, user, receivedAt, Str(Get(data, "custom_id")) ?? "", values);
            default:
                return null;
        }
    }

    /// <summary>In a thread, the channel is the thread's parent and the thread is the channel id.</summary>
    public static ConversationKey Where(JsonObject interaction)
    {
        var channelId = Str(interaction["channel_id"]) ?? Str(Get(interaction["channel"], "id")) ?? "dm";
        var channel = interaction["channel"];
        if (Int(Get(channel, "type")) is 10 or 11 or 12 && Str(Get(channel, "parent_id")) is { } parent)
            return new ConversationKey(Platform, parent, channelId);
        return new ConversationKey(Platform, channelId);
    }

    public static ChatUser User(JsonNode? interaction)
    {
        var member = Get(interaction, "member");
        var user = Get(member, "user") ?? Get(interaction, "user") ?? Get(interaction, "author");
        var name = Str(Get(member, "nick")) ?? Str(Get(user, "global_name")) ?? Str(Get(user, "username"));
        // The member's guild role ids, so SloBot:Roles may name Discord roles.
        var roles = (Get(member, "roles") as JsonArray)?.Select(Str).OfType<string>().ToArray();
        return new ChatUser(Str(Get(user, "id")) ?? "unknown", name, roles is { Length: > 0 } ? roles : null);
    }

    /// <summary>A string value, or null; a string that is not valid UTF-8 (found by fuzzing) counts as absent, not as a crash.</summary>
    public static string? Str(JsonNode? node)
    {
        try
        {
            return node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>A property of an object, or null when <paramref name="node"/> is not an object (a hostile payload's <c>"member": 1</c>).</summary>
    public static JsonNode? Get(JsonNode? node, string name) => node is JsonObject o ? o[name] : null;

    public static int? Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    /// <summary>Text inputs, in legacy action rows or in Label (type 18) wrappers, at any depth.</summary>
    private static void CollectInputs(JsonNode? node, Dictionary<string, string> values)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                    CollectInputs(item, values);
                break;
            case JsonObject o:
                if (Str(o["custom_id"]) is { } customId && Str(o["value"]) is { } value)
                    values[customId] = value;
                CollectInputs(o["components"], values);
                CollectInputs(o["component"], values);
                break;
        }
    }
}
