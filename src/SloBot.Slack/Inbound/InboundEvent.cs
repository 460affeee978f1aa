using SloBot.Chat.Events;

namespace SloBot.Slack.Inbound;

/// <summary>
/// Where and how to answer one Slack event: its channel/thread, who asked, the response_url if Slack gave one, and
/// for a button click the ts of the message the button was on (a reply that replaces it updates that message).
/// </summary>
internal sealed record ReplyTarget(string Channel, string? ThreadTs, string UserId, Uri? ResponseUrl, string? MessageTs = null);

/// <summary>
/// A Slack payload as the chat layer sees it, with what to answer through and the ids that identify a redelivery;
/// <see cref="TeamDomain"/> when the payload names the workspace (slash commands, interactions), for thread links.
/// </summary>
internal sealed record InboundEvent(ChatEvent Event, ReplyTarget Target, IReadOnlyList<string> DedupeKeys, string? TeamDomain = null)
{
    /// <summary>The event's key in the inbox once recorded there (marked done when handled); null when not recorded.</summary>
    public string? InboxKey { get; init; }
}
