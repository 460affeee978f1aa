using System.Text.Json.Nodes;

namespace SloBot.Slack.Tests.Emulator;

/// <summary>
/// Socket Mode envelopes shaped like Slack's (field inventory from Slack's docs and SDK fixtures, see
/// protocols/chat-protocols.md §1.2, §2.1, §3.5, §3.6). Values are made up.
/// </summary>
public static class SlackEnvelopes
{
    public static string NewId() => Guid.NewGuid().ToString();

    public static JsonObject SlashCommand(string text, string responseUrl, string channel = "C0PAYMENTS", string user = "U0ALICE", string? envelopeId = null, string? triggerId = null) => new()
    {
        ["envelope_id"] = envelopeId ?? NewId(),
        ["type"] = "slash_commands",
        ["accepts_response_payload"] = true,
        ["payload"] = SlashCommandFields(text, responseUrl, channel, user, triggerId),
    };

    public static JsonObject SlashCommandFields(string text, string responseUrl, string channel = "C0PAYMENTS", string user = "U0ALICE", string? triggerId = null) => new()
    {
        ["token"] = "legacy-verification-token",
        ["team_id"] = "T0TEAM",
        ["team_domain"] = "acme",
        ["channel_id"] = channel,
        ["channel_name"] = "payments",
        ["user_id"] = user,
        ["user_name"] = "alice",
        ["command"] = "/slo",
        ["text"] = text,
        ["api_app_id"] = SlackEmulator.AppId,
        ["is_enterprise_install"] = "false",
        ["response_url"] = responseUrl,
        ["trigger_id"] = triggerId ?? $"{Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)}.1234.{Guid.NewGuid():N}",
    };

    public static JsonObject Interactive(JsonObject payload, string? envelopeId = null) => new()
    {
        ["envelope_id"] = envelopeId ?? NewId(),
        ["type"] = "interactive",
        ["accepts_response_payload"] = false,
        ["payload"] = payload,
    };

    public static JsonObject BlockActions(string actionId, string? value, string responseUrl, string channel = "C0PAYMENTS", string messageTs = "1700000000.000100", string? threadTs = null)
    {
        var message = new JsonObject { ["type"] = "message", ["ts"] = messageTs, ["bot_id"] = "B0BOT", ["text"] = "Error budget" };
        if (threadTs is not null)
            message["thread_ts"] = threadTs;
        var action = new JsonObject
        {
            ["action_id"] = actionId,
            ["block_id"] = "Xy1",
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Refresh", ["emoji"] = true },
            ["type"] = "button",
            ["action_ts"] = "1700000050.123456",
        };
        if (value is not null)
            action["value"] = value;
        return new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = "U0ALICE", ["username"] = "alice", ["name"] = "alice", ["team_id"] = "T0TEAM" },
            ["api_app_id"] = SlackEmulator.AppId,
            ["token"] = "legacy-verification-token",
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = messageTs, ["channel_id"] = channel, ["is_ephemeral"] = false },
            ["trigger_id"] = $"{Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)}.1234.{Guid.NewGuid():N}",
            ["team"] = new JsonObject { ["id"] = "T0TEAM", ["domain"] = "acme" },
            ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "payments" },
            ["message"] = message,
            ["response_url"] = responseUrl,
            ["actions"] = new JsonArray(action),
            ["state"] = new JsonObject { ["values"] = new JsonObject() },
        };
    }

    public static JsonObject ViewSubmission(string callbackId, string privateMetadata, IReadOnlyDictionary<string, string> inputs) => new()
    {
        ["type"] = "view_submission",
        ["team"] = new JsonObject { ["id"] = "T0TEAM", ["domain"] = "acme" },
        ["user"] = new JsonObject { ["id"] = "U0ALICE", ["username"] = "alice", ["name"] = "alice", ["team_id"] = "T0TEAM" },
        ["api_app_id"] = SlackEmulator.AppId,
        ["token"] = "legacy-verification-token",
        ["trigger_id"] = $"{Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)}.1234.{Guid.NewGuid():N}",
        ["view"] = new JsonObject
        {
            ["id"] = "V0MODAL",
            ["team_id"] = "T0TEAM",
            ["type"] = "modal",
            ["callback_id"] = callbackId,
            ["private_metadata"] = privateMetadata,
            ["hash"] = "1700000000.abcdef",
            ["state"] = new JsonObject
            {
                ["values"] = new JsonObject(inputs.Select(kv => KeyValuePair.Create<string, JsonNode?>(
                    "block_" + kv.Key,
                    new JsonObject { [kv.Key] = new JsonObject { ["type"] = "plain_text_input", ["value"] = kv.Value } }))),
            },
        },
        ["response_urls"] = new JsonArray(),
    };

    public static JsonObject EventsApi(JsonObject @event, string eventId, int retryAttempt = 0, string? envelopeId = null) => new()
    {
        ["envelope_id"] = envelopeId ?? NewId(),
        ["type"] = "events_api",
        ["accepts_response_payload"] = false,
        ["retry_attempt"] = retryAttempt,
        ["retry_reason"] = retryAttempt == 0 ? "" : "timeout",
        ["payload"] = EventCallback(@event, eventId),
    };

    public static JsonObject EventCallback(JsonObject @event, string eventId) => new()
    {
        ["token"] = "legacy-verification-token",
        ["team_id"] = "T0TEAM",
        ["api_app_id"] = SlackEmulator.AppId,
        ["event"] = @event,
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1700000100,
        ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = "T0TEAM", ["user_id"] = "U0BOT", ["is_bot"] = true, ["is_enterprise_install"] = false }),
        ["is_ext_shared_channel"] = false,
        ["event_context"] = "4-eyJldCI6Im1lc3NhZ2UifQ",
    };

    public static JsonObject ThreadReply(string text, string threadTs, string ts, string channel = "C0PAYMENTS", string user = "U0BOB") => new()
    {
        ["client_msg_id"] = Guid.NewGuid().ToString(),
        ["type"] = "message",
        ["text"] = text,
        ["user"] = user,
        ["ts"] = ts,
        ["team"] = "T0TEAM",
        ["thread_ts"] = threadTs,
        ["parent_user_id"] = "U0BOT",
        ["channel"] = channel,
        ["event_ts"] = ts,
        ["channel_type"] = "channel",
    };

    public static JsonObject AppMention(string text, string ts, string channel = "C0PAYMENTS", string user = "U0BOB", string? threadTs = null)
    {
        var e = new JsonObject
        {
            ["client_msg_id"] = Guid.NewGuid().ToString(),
            ["type"] = "app_mention",
            ["text"] = text,
            ["user"] = user,
            ["ts"] = ts,
            ["team"] = "T0TEAM",
            ["channel"] = channel,
            ["event_ts"] = ts,
        };
        if (threadTs is not null)
            e["thread_ts"] = threadTs;
        return e;
    }
}
