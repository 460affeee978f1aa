using SloBot.Chat.Events;
using SloBot.Chat.Replies;

namespace SloBot.Chat.Commands;

/// <summary>One <c>/slo</c> subcommand. Register with <c>services.AddCommand&lt;T&gt;()</c>.</summary>
public interface ICommandHandler
{
    CommandSpec Spec { get; }

    Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken);
}

/// <summary>What a handler gets: the event and the words after the command's name.</summary>
public sealed record CommandContext(CommandEvent Event, CommandArgs Args);

/// <summary>Handles clicks on buttons whose action id starts with <see cref="ActionPrefix"/> followed by ':' or the end.</summary>
public interface IButtonHandler
{
    string ActionPrefix { get; }

    Task<Reply?> HandleAsync(ButtonClick click, CancellationToken cancellationToken);
}

/// <summary>Handles submissions of modals whose callback id starts with <see cref="CallbackPrefix"/>.</summary>
public interface IModalHandler
{
    string CallbackPrefix { get; }

    Task<Reply?> HandleAsync(ModalSubmit submit, CancellationToken cancellationToken);
}

/// <summary>Gets plain messages in threads (the conversation engine). Returns null when the thread is not SloBot's.</summary>
public interface IThreadMessageHandler
{
    Task<Reply?> HandleAsync(ThreadMessage message, CancellationToken cancellationToken);

    /// <summary>Whether this handler answers messages in <paramref name="message"/>'s thread (asked when shutdown cut one short, to tell its author).</summary>
    Task<bool> OwnsThreadAsync(ThreadMessage message, CancellationToken cancellationToken) => Task.FromResult(false);
}
