using System.Text.Json.Nodes;
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

    public ChatEvent? Parse(JsonObject interaction, IReadOnlyList<CommandSpec> specs, DateTimeOffset receivedAt)
    {
        var id = Str(interaction["id"]) ?? "";
        var where = Where(interaction);
        var user = User(interaction);
        var data = interaction["data"];
        switch (Int(interaction["type"]))
        {
            case InteractionType.ApplicationCommand:
                return new CommandEvent(id, where, user, receivedAt, CommandText.Build(data, Layout(specs)));
            case InteractionType.MessageComponent:
                var customId = Str(data?["custom_id"]) ?? "";
                var (action, value) = buttonIds.Decode(customId) ?? (customId, null);
                if (data?["values"] is JsonArray { Count: > 0 } selected)
                    value = Str(selected[0]);
                return new ButtonClick(id, where, user, receivedAt, action, value, Str(interaction["message"]?["id"]));
            case InteractionType.ModalSubmit:
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                CollectInputs(data?["components"], values);
                return new ModalSubmit(id, where, user, receivedAt, Str(data?["custom_id"]) ?? "", values);
            default:
                return null;
        }
    }

    /// <summary>In a thread, the channel is the thread's parent and the thread is the channel id.</summary>
    public static ConversationKey Where(JsonObject interaction)
    {
        var channelId = Str(interaction["channel_id"]) ?? Str(interaction["channel"]?["id"]) ?? "dm";
        var channel = interaction["channel"];
        if (Int(channel?["type"]) is 10 or 11 or 12 && Str(channel?["parent_id"]) is { } parent)
            return new ConversationKey(Platform, parent, channelId);
        return new ConversationKey(Platform, channelId);
    }

    public static ChatUser User(JsonNode? interaction)
    {
        var member = interaction?["member"];
        var user = member?["user"] ?? interaction?["user"] ?? interaction?["author"];
        var name = Str(member?["nick"]) ?? Str(user?["global_name"]) ?? Str(user?["username"]);
        // The member's guild role ids, so SloBot:Roles may name Discord roles.
        var roles = (member?["roles"] as JsonArray)?.Select(Str).OfType<string>().ToArray();
        return new ChatUser(Str(user?["id"]) ?? "unknown", name, roles is { Length: > 0 } ? roles : null);
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
