using SloBot.Chat.Events;

namespace SloBot.Slack.Inbound;

/// <summary>Where and how to answer one Slack event: its channel/thread, who asked, and the response_url if Slack gave one.</summary>
internal sealed record ReplyTarget(string Channel, string? ThreadTs, string UserId, Uri? ResponseUrl);

/// <summary>
/// A Slack payload as the chat layer sees it, with what to answer through and the ids that identify a redelivery;
/// <see cref="TeamDomain"/> when the payload names the workspace (slash commands, interactions), for thread links.
/// </summary>
internal sealed record InboundEvent(ChatEvent Event, ReplyTarget Target, IReadOnlyList<string> DedupeKeys, string? TeamDomain = null);
