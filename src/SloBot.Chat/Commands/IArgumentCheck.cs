using SloBot.Chat.Replies;

namespace SloBot.Chat.Commands;

/// <summary>
/// A command that opens a conversation and can tell bad arguments without starting it: a one-shot <c>slobot ask</c>
/// hears what was wrong with its words (a bad window) before it hears that the command needs a conversation.
/// </summary>
public interface IArgumentCheck
{
    /// <summary>The bad-arguments reply, or null when the words are usable. Starts and stores nothing.</summary>
    Reply? CheckArguments(CommandContext context);
}
