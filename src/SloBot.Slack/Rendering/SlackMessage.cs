using System.Text.Json.Nodes;

namespace SloBot.Slack.Rendering;

/// <summary>One Slack message: Block Kit blocks and the plain <c>text</c> fallback (notifications, screen readers).</summary>
internal sealed record SlackMessage(string Text, JsonArray Blocks)
{
    /// <summary>The body fields shared by chat.postMessage, chat.postEphemeral, chat.update and response_url.</summary>
    public JsonObject ToPayload()
    {
        return new JsonObject
        {
            ["text"] = Text,
            ["blocks"] = Blocks.DeepClone(),
        };
    }
}
