using System.Text.Json;
using System.Text.RegularExpressions;
using SloBot.Chat.Events;

namespace SloBot.Slack.Inbound;

/// <summary>
/// Turns Slack payloads (the same in Socket Mode and HTTP mode) into <see cref="ChatEvent"/>s. Anything SloBot does
/// not act on (bot messages, edits, top-level channel chatter, shortcuts) gives null.
/// </summary>
internal static partial class SlackPayloads
{
    public const string Platform = "slack";

    /// <summary>A slash command's fields (form fields over HTTP, a JSON object over the socket).</summary>
    public static InboundEvent? FromSlashCommand(IReadOnlyDictionary<string, string> f, DateTimeOffset now)
    {
        if (!f.TryGetValue("channel_id", out var channel) || !f.TryGetValue("user_id", out var user))
            return null;
        var triggerId = f.GetValueOrDefault("trigger_id") ?? $"{channel}:{user}:{now.ToUnixTimeMilliseconds()}";
        var where = new ConversationKey(Platform, channel);
        var chatEvent = new CommandEvent(triggerId, where, new ChatUser(user, f.GetValueOrDefault("user_name")), now, (f.GetValueOrDefault("text") ?? "").Trim());
        return new InboundEvent(chatEvent, new ReplyTarget(channel, null, user, Url(f.GetValueOrDefault("response_url"))), ["cmd:" + triggerId], f.GetValueOrDefault("team_domain"));
    }

    public static Dictionary<string, string> Fields(JsonElement payload)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (payload.ValueKind != JsonValueKind.Object)
            return fields;
        foreach (var p in payload.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.String)
                fields[p.Name] = p.Value.GetString()!;
        }

        return fields;
    }

    /// <summary>An interactive payload: <c>block_actions</c> (button clicks) and <c>view_submission</c> (modals).</summary>
    public static InboundEvent? FromInteraction(JsonElement p, DateTimeOffset now) => Str(p, "type") switch
    {
        "block_actions" => FromBlockActions(p, now),
        "view_submission" => FromViewSubmission(p, now),
        _ => null,
    };

    private static InboundEvent? FromBlockActions(JsonElement p, DateTimeOffset now)
    {
        if (Prop(p, "actions") is not { ValueKind: JsonValueKind.Array } actions || actions.GetArrayLength() == 0)
            return null;
        var action = actions[0];
        var user = User(p);
        var channel = Str(p, "channel", "id") ?? Str(p, "container", "channel_id");
        if (user is null || channel is null || Str(action, "action_id") is not { } actionId)
            return null;
        var thread = Str(p, "message", "thread_ts") ?? Str(p, "container", "thread_ts");
        var messageTs = Str(p, "container", "message_ts") ?? Str(p, "message", "ts");
        var id = Str(p, "trigger_id") ?? $"{channel}:{messageTs}:{Str(action, "action_ts")}";
        var where = new ConversationKey(Platform, channel, thread);
        var value = Str(action, "value") ?? Str(action, "selected_option", "value");
        var chatEvent = new ButtonClick(id, where, user, now, actionId, value, messageTs);
        return new InboundEvent(chatEvent, new ReplyTarget(channel, thread, user.Id, Url(Str(p, "response_url")), messageTs), ["act:" + id], Str(p, "team", "domain"));
    }

    /// <summary>
    /// A modal submit. Values are keyed by each input's action id. Where to answer comes from the view's
    /// <c>private_metadata</c> ("C123" or "C123/1700000000.000100" for a thread), else the user's DM with the app.
    /// </summary>
    private static InboundEvent? FromViewSubmission(JsonElement p, DateTimeOffset now)
    {
        var user = User(p);
        if (user is null || Prop(p, "view") is not { ValueKind: JsonValueKind.Object } view)
            return null;
        var metadata = Str(view, "private_metadata");
        var parts = string.IsNullOrWhiteSpace(metadata) ? [] : metadata.Split('/', 2);
        var channel = parts.Length > 0 && parts[0].Length > 0 ? parts[0] : user.Id;
        var thread = parts.Length > 1 ? parts[1] : null;
        var id = Str(p, "trigger_id") ?? $"{Str(view, "id")}:{Str(view, "hash")}";
        var chatEvent = new ModalSubmit(id, new ConversationKey(Platform, channel, thread), user, now, Str(view, "callback_id") ?? "", ModalValues(view));
        Uri? responseUrl = null;
        if (Prop(p, "response_urls") is { ValueKind: JsonValueKind.Array } urls && urls.GetArrayLength() > 0)
            responseUrl = Url(Str(urls[0], "response_url"));
        return new InboundEvent(chatEvent, new ReplyTarget(channel, thread, user.Id, responseUrl), ["view:" + id]);
    }

    private static Dictionary<string, string> ModalValues(JsonElement view)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Prop(Prop(view, "state"), "values") is not { ValueKind: JsonValueKind.Object } blocks)
            return values;
        foreach (var block in blocks.EnumerateObject())
        {
            if (block.Value.ValueKind != JsonValueKind.Object)
                continue;
            foreach (var input in block.Value.EnumerateObject())
            {
                var v = input.Value;
                var value = Str(v, "value") ?? Str(v, "selected_option", "value") ?? Str(v, "selected_date") ?? Str(v, "selected_time")
                    ?? Str(v, "selected_user") ?? Str(v, "selected_channel") ?? Str(v, "selected_conversation") ?? Multi(v);
                if (value is not null)
                    values[input.Name] = value;
            }
        }

        return values;
    }

    /// <summary>An Events API <c>event_callback</c>: thread replies and app mentions become <see cref="ThreadMessage"/>s.</summary>
    public static InboundEvent? FromEventCallback(JsonElement p, DateTimeOffset now)
    {
        if (Str(p, "type") != "event_callback" || Prop(p, "event") is not { } e)
            return null;
        var type = Str(e, "type");
        var subtype = Str(e, "subtype");
        if (type is not ("message" or "app_mention") || Str(e, "bot_id") is not null || (subtype is not null && subtype != "thread_broadcast"))
            return null;
        var channel = Str(e, "channel");
        var user = Str(e, "user");
        var ts = Str(e, "ts");
        var threadTs = Str(e, "thread_ts");
        if (channel is null || user is null || ts is null)
            return null;
        if (type == "message" && (threadTs is null || threadTs == ts))
            return null; // top-level channel chatter is not SloBot's business; mentions arrive as app_mention
        var thread = threadTs ?? ts; // a mention outside a thread starts one on the mentioning message
        var raw = Str(e, "text") ?? "";
        var bot = BotUserId(p);
        // Only a leading mention of SloBot itself is dropped: "<@U0DAVE> add pool alerting" keeps its owner (issue 13, item 13).
        var mentioned = type == "app_mention" || (bot is not null && raw.Contains($"<@{bot}", StringComparison.Ordinal));
        var lead = LeadingMention().Match(raw);
        var text = (lead.Success && (bot is null ? type == "app_mention" : lead.Groups["id"].Value == bot) ? raw[lead.Length..] : raw).Trim();
        var eventId = Str(p, "event_id") ?? $"{channel}:{ts}";
        var chatEvent = new ThreadMessage(eventId, new ConversationKey(Platform, channel, thread), new ChatUser(user), now, text) { Mentioned = mentioned };

        // A mention inside a thread arrives twice (message and app_mention, different event ids): the message ts unites them.
        return new InboundEvent(chatEvent, new ReplyTarget(channel, thread, user, null), ["ev:" + eventId, $"msg:{channel}:{ts}"]);
    }

    /// <summary>SloBot's own user id, from the callback's <c>authorizations</c> (null when Slack did not send them).</summary>
    private static string? BotUserId(JsonElement p) =>
        Prop(p, "authorizations") is { ValueKind: JsonValueKind.Array } a && a.GetArrayLength() > 0 ? Str(a[0], "user_id") : null;

    private static ChatUser? User(JsonElement p) => Str(p, "user", "id") is { } id
        ? new ChatUser(id, Str(p, "user", "name") ?? Str(p, "user", "username"))
        : null;

    private static string? Multi(JsonElement v)
    {
        foreach (var name in (string[])["selected_options", "selected_users", "selected_channels", "selected_conversations"])
        {
            if (Prop(v, name) is { ValueKind: JsonValueKind.Array } arr)
                return string.Join(",", arr.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString() : Str(x, "value")));
        }

        return null;
    }

    /// <summary>A property of an object; null when <paramref name="e"/> is not an object (a stranger may send any JSON shape).</summary>
    private static JsonElement? Prop(JsonElement? e, string name) =>
        e is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var v) ? v : null;

    public static string? Str(JsonElement e, params string[] path)
    {
        foreach (var name in path)
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out e))
                return null;
        }

        return e.ValueKind == JsonValueKind.String ? e.GetString() : null;
    }

    private static Uri? Url(string? text) => Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;

    [GeneratedRegex(@"^\s*<@(?<id>[UW][A-Z0-9]+)(?:\|[^>]*)?>[,:]?")]
    private static partial Regex LeadingMention();
}
