using SloBot.Chat.Delivery;

namespace SloBot.Discord.Inbound;

/// <summary>Discord's side of the inbox's recovery: recorded interactions whose process died are answered by <see cref="InteractionRouter"/> through their webhook.</summary>
internal sealed class DiscordInboxHandler(InteractionRouter router) : IInboxHandler
{
    public string Platform => InteractionParser.Platform;

    public Task ReplayAsync(InboxEntry entry, CancellationToken cancellationToken) => router.ReplayAsync(entry, cancellationToken);
}
