using SloBot.Chat.Delivery;

namespace SloBot.Slack.Inbound;

/// <summary>Slack's side of the inbox's recovery: recorded Slack events whose process died are run again by <see cref="SlackInbound"/>.</summary>
internal sealed class SlackInboxHandler(SlackInbound inbound) : IInboxHandler
{
    public string Platform => SlackPayloads.Platform;

    public Task ReplayAsync(InboxEntry entry, CancellationToken cancellationToken) => inbound.ReplayAsync(entry, cancellationToken);
}
