using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Commands;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using Xunit;
using SloBot.Testing;

namespace SloBot.Chat.Tests.Conversations;

/// <summary>
/// Issue 13, item 16: work still running when the shutdown grace period ends (the transport's token fires) is answered
/// "SloBot is restarting", never silence — through a token of its own, since the shutdown token is already cancelled.
/// </summary>
public sealed class ShutdownNoticeTests
{
    private static readonly ConversationKey Thread = ConversationHost.Channel with { Thread = "t-1" };

    [Fact]
    public async Task CommandCutShortByShutdown_TellsTheAskerSloBotIsRestarting()
    {
        var source = new TestSliSource { Hold = new() }; // never released
        using var host = new ConversationHost(s => s.AddSingleton<ISliSource>(source));
        using var shutdown = new CancellationTokenSource();
        var responder = new Responder();

        var handling = host.Dispatcher.HandleAsync(new CommandEvent("e1", ConversationHost.Channel, new ChatUser("U1"), host.Time.GetUtcNow(), "/slo budget payment"), responder, shutdown.Token);
        await source.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(responder.Replies);
        await shutdown.CancelAsync();
        await handling.WaitAsync(TimeSpan.FromSeconds(30));

        var (reply, token) = Assert.Single(responder.Replies);
        Assert.StartsWith("SloBot is restarting, ask again in a minute.", reply.PlainText(), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.SourceFailed, reply.ExitCode);
        Assert.True(reply.Ephemeral);
        Assert.False(token.IsCancellationRequested); // its own deadline, not the cancelled shutdown token
        Assert.True(token.CanBeCanceled); // ...but a deadline all the same
    }

    [Fact]
    public async Task OneShotAskInterrupted_IsCancelledWithoutANotice()
    {
        var source = new TestSliSource { Hold = new() }; // never released
        using var host = new ConversationHost(s => s.AddSingleton<ISliSource>(source));
        using var interrupt = new CancellationTokenSource();
        var responder = new Responder();

        var handling = host.Dispatcher.HandleAsync(new CommandEvent("e1", ConversationHost.Channel, new ChatUser("U1"), host.Time.GetUtcNow(), "/slo budget payment") { OneShot = true }, responder, interrupt.Token);
        await source.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await interrupt.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => handling.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(responder.Replies); // `slobot ask` stopped by its user: nothing is restarting
    }

    [Fact]
    public async Task AnswerCutShortWhileBeingDelivered_IsFollowedByTheNotice()
    {
        using var host = new ConversationHost();
        using var shutdown = new CancellationTokenSource();
        var responder = new Responder { HangFirst = true };

        var handling = host.Dispatcher.HandleAsync(new CommandEvent("e1", ConversationHost.Channel, new ChatUser("U1"), host.Time.GetUtcNow(), "/slo help"), responder, shutdown.Token);
        await responder.Hanging.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await shutdown.CancelAsync();
        await handling.WaitAsync(TimeSpan.FromSeconds(30));

        var (reply, _) = Assert.Single(responder.Replies);
        Assert.StartsWith("SloBot is restarting", reply.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThreadChatterCutShort_InAThreadSloBotDoesNotOwn_GetsNoNotice()
    {
        var handler = new HangingThreadHandler(owns: false);
        using var host = new ConversationHost(s => s.AddSingleton<IThreadMessageHandler>(handler));
        using var shutdown = new CancellationTokenSource();
        var responder = new Responder();

        var handling = host.Dispatcher.HandleAsync(new ThreadMessage("e1", Thread, new ChatUser("U1"), host.Time.GetUtcNow(), "lunch?"), responder, shutdown.Token);
        await handler.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await shutdown.CancelAsync();
        await handling.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(responder.Replies);
        Assert.Equal(1, handler.OwnsAsked); // it was asked, with a live token
    }

    [Fact]
    public async Task ThreadAnswerCutShort_InAThreadAHandlerOwns_GetsTheNotice()
    {
        var handler = new HangingThreadHandler(owns: true);
        using var host = new ConversationHost(s => s.AddSingleton<IThreadMessageHandler>(handler));
        using var shutdown = new CancellationTokenSource();
        var responder = new Responder();

        var handling = host.Dispatcher.HandleAsync(new ThreadMessage("e1", Thread, new ChatUser("U1"), host.Time.GetUtcNow(), "the database failed over"), responder, shutdown.Token);
        await handler.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await shutdown.CancelAsync();
        await handling.WaitAsync(TimeSpan.FromSeconds(30));

        var (reply, _) = Assert.Single(responder.Replies);
        Assert.StartsWith("SloBot is restarting", reply.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConversationThreads_AreOwnedByTheConversationHandler_OthersAreNot()
    {
        using var host = new ConversationHost();
        await host.StartDemoAsync("t-demo");
        var conversations = host.Services.GetServices<IThreadMessageHandler>().First();

        Assert.True(await conversations.OwnsThreadAsync(new ThreadMessage("e1", ConversationHost.Channel with { Thread = "t-demo" }, new ChatUser("U1"), host.Time.GetUtcNow(), "x"), CancellationToken.None));
        Assert.False(await conversations.OwnsThreadAsync(new ThreadMessage("e2", ConversationHost.Channel with { Thread = "t-other" }, new ChatUser("U1"), host.Time.GetUtcNow(), "x"), CancellationToken.None));
    }

    private sealed class Responder : IChatResponder
    {
        public List<(Reply Reply, CancellationToken Token)> Replies { get; } = [];

        public bool HangFirst { get; init; }

        public TaskCompletionSource Hanging { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task RespondAsync(Reply reply, CancellationToken cancellationToken)
        {
            if (HangFirst && !Hanging.Task.IsCompleted)
            {
                Hanging.SetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            Replies.Add((reply, cancellationToken));
        }
    }


    private sealed class HangingThreadHandler(bool owns) : IThreadMessageHandler
    {
        private int _ownsAsked;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int OwnsAsked => _ownsAsked;

        public async Task<Reply?> HandleAsync(ThreadMessage message, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return null;
        }

        public Task<bool> OwnsThreadAsync(ThreadMessage message, CancellationToken cancellationToken)
        {
            Assert.False(cancellationToken.IsCancellationRequested);
            Interlocked.Increment(ref _ownsAsked);
            return Task.FromResult(owns);
        }
    }
}
