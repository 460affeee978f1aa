using System.Text.Json.Nodes;
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

    /// <summary>
    /// Starts <paramref name="flow"/> for a command: in a thread of its own (opened on <paramref name="opening"/>) when the
    /// command was typed in a channel of a platform with threads, else where it was typed. In a new thread the first
    /// prompt is posted there and <paramref name="started"/> says where it went; otherwise the prompt is the answer.
    /// <paramref name="firstPrompt"/> may add to the prompt (what the command understood).
    /// </summary>
    public static async Task<Reply> StartAsync(
        ConversationEngine engine, ThreadPosts posts, ConversationFlow flow, ChatEvent e, string title, JsonObject data,
        (string Opening, string ThreadName) thread, Func<ConversationRecord, ConversationKey, Reply> started,
        Func<Reply, Reply>? firstPrompt, CancellationToken cancellationToken)
    {
        var opened = e.Where.Thread is null && posts.TransportFor(e.Platform) is not null
            ? await posts.StartThreadAsync(e.Where, Reply.Text(thread.Opening), thread.ThreadName, e.EventId + ":thread", cancellationToken).ConfigureAwait(false)
            : null;
        var where = opened ?? e.Where;
        var (record, prompt) = await engine.StartAsync(flow, where, e.User, title, data, posts.LinkTo(where), cancellationToken).ConfigureAwait(false);
        if (prompt is null)
            return Busy(engine, record);
        prompt = firstPrompt?.Invoke(prompt) ?? prompt;
        if (opened is null)
            return prompt;
        await posts.PostAsync(where, prompt, record.Id + ":first", cancellationToken).ConfigureAwait(false);
        return started(record, where);
    }

    public static Reply Busy(ConversationEngine engine, ConversationRecord existing)
    {
        var noun = engine.FlowFor(existing.Kind)?.Noun ?? existing.Kind;
        return Reply.BadCommand(
            $"There is already a {noun} {existing.Title} in progress here ({existing.Id}, at `{existing.State}`); finish it or say `cancel` in it first.");
    }
}
