using SloBot.Chat.Events;
using SloBot.Chat.Replies;

namespace SloBot.Chat.Conversations;

/// <summary>Answers for conversation commands typed in the wrong place or while another conversation is running.</summary>
public static class ConversationPointers
{
    /// <summary>"This belongs in the INC-2041 retrospective thread: link" — and the current step is posted there again.</summary>
    public static async Task<Reply> BelongsInThreadAsync(ConversationEngine engine, ThreadPosts posts, ConversationRecord record, ConversationKey typedIn, CancellationToken cancellationToken)
    {
        var prompt = await engine.PromptAsync(record.Id, cancellationToken).ConfigureAwait(false);
        if (typedIn == record.Key)
            return prompt;
        var noun = engine.FlowFor(record.Kind)?.Noun ?? record.Kind;
        var link = record.Link ?? posts.LinkTo(record.Key);
        var posted = record.IsActive && await posts.PostAsync(record.Key, prompt, $"{record.Id}:pointer:{record.Version}", cancellationToken).ConfigureAwait(false);
        var text = $"This belongs in the {record.Title} {noun} thread: {link}" + (posted ? " — I posted the current step there again." : "");
        return new Reply { Blocks = [new TextBlock(text)], Ephemeral = true, Summary = text, Data = new { conversation = record.Id, thread = record.Key.ToString(), link } };
    }

    public static Reply Busy(ConversationEngine engine, ConversationRecord existing)
    {
        var noun = engine.FlowFor(existing.Kind)?.Noun ?? existing.Kind;
        return Reply.BadCommand(
            $"There is already a {noun} {existing.Title} in progress here ({existing.Id}, at `{existing.State}`); finish it or say `cancel` in it first.");
    }
}
