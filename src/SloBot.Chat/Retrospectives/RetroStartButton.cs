using SloBot.Chat.Commands;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;

namespace SloBot.Chat.Retrospectives;

/// <summary>
/// <c>retro:start</c> buttons (a second retrospective for a published incident, <em>Start retro</em> on an episode):
/// the button's value is the rest of a <c>/slo retro start</c> command, run as if the clicker had typed it.
/// </summary>
internal sealed class RetroStartButton(CommandRouter router) : IButtonHandler
{
    public const string Action = "retro:start";

    public string ActionPrefix => "retro";

    public async Task<Reply?> HandleAsync(ButtonClick click, CancellationToken cancellationToken)
    {
        if (click.ActionId != Action)
            return Reply.BadCommand("That retrospective button belongs to an older version of SloBot.");
        var command = new CommandEvent(click.EventId, click.Where, click.User, click.ReceivedAt, $"retro start {click.Value}".TrimEnd());
        return await router.RouteAsync(command, cancellationToken).ConfigureAwait(false);
    }
}
