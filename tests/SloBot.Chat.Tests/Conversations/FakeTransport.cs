using System.Collections.Concurrent;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;

namespace SloBot.Chat.Tests.Conversations;

/// <summary>A transport that records what it was asked to post; threads get ids "t1", "t2", …</summary>
internal sealed class FakeTransport(string platform = "slack") : IChatTransport
{
    private int _threads;

    public string Platform { get; } = platform;

    public ConcurrentQueue<(ConversationKey Where, Reply Reply)> Posts { get; } = new();

    public ConcurrentQueue<(ConversationKey Thread, string Title)> Threads { get; } = new();

    public Task<PostedMessage> PostAsync(ConversationKey where, Reply reply, CancellationToken cancellationToken)
    {
        Posts.Enqueue((where, reply));
        return Task.FromResult(new PostedMessage(where, $"m{Posts.Count}"));
    }

    public Task<ConversationKey> StartThreadAsync(ConversationKey channel, Reply opening, string title, CancellationToken cancellationToken)
    {
        var thread = channel with { Thread = $"t{Interlocked.Increment(ref _threads)}" };
        Threads.Enqueue((thread, title));
        Posts.Enqueue((channel, opening));
        return Task.FromResult(thread);
    }
}
