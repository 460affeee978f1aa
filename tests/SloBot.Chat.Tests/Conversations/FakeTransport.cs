using System.Collections.Concurrent;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;

namespace SloBot.Chat.Tests.Conversations;

/// <summary>
/// A transport that records what it was asked to post; threads get ids "t1", "t2", …. Like the real transports it
/// delivers one <see cref="DeliveryIntent"/> once: the same intent again returns the first result without posting.
/// </summary>
internal sealed class FakeTransport(string platform = "slack") : IChatTransport
{
    private readonly ConcurrentDictionary<string, Lazy<object>> _delivered = new(StringComparer.Ordinal);
    private int _threads;

    public string Platform { get; } = platform;

    public ConcurrentQueue<(ConversationKey Where, Reply Reply)> Posts { get; } = new();

    public ConcurrentQueue<(ConversationKey Thread, string Title)> Threads { get; } = new();

    /// <summary>Every intent asked for, repeats included.</summary>
    public ConcurrentQueue<DeliveryIntent> Intents { get; } = new();

    public Task<PostedMessage> PostAsync(ConversationKey where, Reply reply, DeliveryIntent intent, CancellationToken cancellationToken) =>
        Task.FromResult(Once(intent, () =>
        {
            Posts.Enqueue((where, reply));
            return new PostedMessage(where, $"m{Posts.Count}");
        }));

    public Task<ConversationKey> StartThreadAsync(ConversationKey channel, Reply opening, string title, DeliveryIntent intent, CancellationToken cancellationToken) =>
        Task.FromResult(Once(intent, () =>
        {
            var thread = channel with { Thread = $"t{Interlocked.Increment(ref _threads)}" };
            Threads.Enqueue((thread, title));
            Posts.Enqueue((channel, opening));
            return thread;
        }));

    private T Once<T>(DeliveryIntent intent, Func<T> post)
        where T : notnull
    {
        Intents.Enqueue(intent);
        return (T)_delivered.GetOrAdd(intent.Key, _ => new Lazy<object>(() => post())).Value;
    }
}
