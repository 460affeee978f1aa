using SloBot.Chat.Conversations;
using SloBot.Chat.Replies;
using Xunit;

namespace SloBot.Chat.Tests.Conversations;

public class ConversationEngineTests
{
    [Fact]
    public async Task Start_FirstStep_AsksWithExampleAndButtons()
    {
        using var host = new ConversationHost();
        var (record, prompt) = await host.StartDemoAsync();

        Assert.Equal("name", record.State);
        Assert.Contains("What is it called?", prompt.PlainText());
        Assert.Contains("For example: `Checkout`", prompt.PlainText());
        Assert.Contains(prompt.Buttons, b => b.Label == "Cancel");
        Assert.DoesNotContain(prompt.Buttons, b => b.Label == "Skip"); // required step
    }

    [Fact]
    public async Task Answer_EveryStep_WalksToCompletionAndPersistsOnce()
    {
        using var host = new ConversationHost();
        var (record, _) = await host.StartDemoAsync();
        var thread = record.Key;

        var r1 = await host.SayAsync(thread, "Checkout");
        Assert.Contains("Name — Checkout ✔", r1!.PlainText());
        Assert.Equal("colour", (await host.RecordAsync(record.Id)).State);

        var r2 = await host.SayAsync(thread, "Green");
        Assert.Contains("Colour green ✔", r2!.PlainText());
        Assert.Equal("notes", (await host.RecordAsync(record.Id)).State);

        await host.SayAsync(thread, "first note");
        var r3 = await host.SayAsync(thread, "second note");
        Assert.Contains("2 so far", r3!.PlainText());
        Assert.Equal("notes", (await host.RecordAsync(record.Id)).State);

        var r4 = await host.SayAsync(thread, "next");
        Assert.Contains("first note", r4!.PlainText()); // the review shows the draft
        Assert.Equal("review", (await host.RecordAsync(record.Id)).State);

        var done = await host.SayAsync(thread, "publish");
        Assert.Equal("Published Checkout in green", done!.PlainText().Trim());
        var stored = await host.RecordAsync(record.Id);
        Assert.Equal(FlowStates.Completed, stored.State);
        Assert.Equal([record.Id], host.Demo.Completed);

        // further messages in the thread are answered with where it stands (issue 13, item 14), and change nothing
        var after = await host.SayAsync(thread, "hello?");
        Assert.Contains("This demo is completed.", after!.PlainText(), StringComparison.Ordinal);
        Assert.Contains("Nothing more to answer in this thread", after.Context, StringComparison.Ordinal);
        Assert.Equal(stored.Version, (await host.RecordAsync(record.Id)).Version);
    }

    [Fact]
    public async Task Unparseable_Answer_GivesReasonAndSameStep()
    {
        using var host = new ConversationHost();
        var (record, _) = await host.StartDemoAsync();
        await host.SayAsync(record.Key, "Checkout");

        var reply = await host.SayAsync(record.Key, "purple");

        Assert.Contains("I could not read that: 'purple' is not a colour I know", reply!.PlainText());
        Assert.Contains("Which colour?", reply.PlainText());
        Assert.Equal("colour", (await host.RecordAsync(record.Id)).State);
    }

    [Fact]
    public async Task BackSkipStatusHelp_WorkAtEveryStep()
    {
        using var host = new ConversationHost();
        var (record, _) = await host.StartDemoAsync();
        var k = record.Key;

        Assert.Contains("first step", (await host.SayAsync(k, "back"))!.PlainText());
        Assert.Contains("cannot be skipped", (await host.SayAsync(k, "skip"))!.PlainText());
        Assert.Equal("name", (await host.RecordAsync(record.Id)).State);
        await host.SayAsync(k, "Checkout");
        await host.SayAsync(k, "skip");
        Assert.Equal("notes", (await host.RecordAsync(record.Id)).State);
        Assert.Contains("Checkout", (await host.SayAsync(k, "status"))!.PlainText());
        Assert.Contains("previous step", (await host.SayAsync(k, "help"))!.PlainText());
        var back = await host.SayAsync(k, "Back");
        Assert.Contains("Which colour?", back!.PlainText());
        Assert.Equal("colour", (await host.RecordAsync(record.Id)).State);
        await host.SayAsync(k, "skip");
        await host.SayAsync(k, "skip"); // skip on a list step moves on
        Assert.Equal("review", (await host.RecordAsync(record.Id)).State);
        Assert.Contains("last look", (await host.SayAsync(k, "something else"))!.PlainText());
        Assert.Equal("review", (await host.RecordAsync(record.Id)).State);
    }

    [Fact]
    public async Task Cancel_ClosesWithoutPublishing()
    {
        using var host = new ConversationHost();
        var (record, _) = await host.StartDemoAsync();

        var reply = await host.SayAsync(record.Key, "cancel");

        Assert.Contains("cancelled; nothing was published", reply!.PlainText());
        Assert.Equal(FlowStates.Cancelled, (await host.RecordAsync(record.Id)).State);
        Assert.Empty(host.Demo.Completed);
    }

    [Fact]
    public async Task StaleButton_AndDoubleClick_AnswerAlreadyDone()
    {
        using var host = new ConversationHost();
        var (record, prompt) = await host.StartDemoAsync();
        await host.SayAsync(record.Key, "Checkout");
        var colourPrompt = (await host.Engine.PromptAsync(record.Id, CancellationToken.None));
        var green = colourPrompt.Buttons.Single(b => b.Label == "green");

        var first = await host.ClickAsync(record.Key, green);
        var second = await host.ClickAsync(record.Key, green);
        var stale = await host.ClickAsync(record.Key, prompt.Buttons.Single(b => b.Label == "Cancel"));

        Assert.Contains("Colour green ✔", first!.PlainText());
        Assert.Contains("That step is already done", second!.PlainText());
        Assert.Contains("That step is already done", stale!.PlainText());
        Assert.Equal("notes", (await host.RecordAsync(record.Id)).State);
    }

    [Fact]
    public async Task PublishButton_ClickedTwice_PublishesOnce()
    {
        using var host = new ConversationHost();
        var (record, _) = await host.StartDemoAsync();
        await host.SayAsync(record.Key, "Checkout");
        await host.SayAsync(record.Key, "skip");
        var review = await host.SayAsync(record.Key, "next");
        var publish = review!.Buttons.Single(b => b.Label == "Publish");

        var clicks = await Task.WhenAll(host.ClickAsync(record.Key, publish), host.ClickAsync(record.Key, publish));

        Assert.Single(clicks, r => r!.PlainText().Contains("Published Checkout", StringComparison.Ordinal));
        Assert.Single(clicks, r => r!.PlainText().Contains("already done", StringComparison.Ordinal));
        Assert.Single(host.Demo.Completed);
    }

    [Fact]
    public async Task ConcurrentAnswers_AreAppliedOneAtATime_NothingLost()
    {
        using var host = new ConversationHost();
        var (record, _) = await host.StartDemoAsync();
        await host.SayAsync(record.Key, "Checkout");
        await host.SayAsync(record.Key, "red");

        await Task.WhenAll(Enumerable.Range(1, 20).Select(i => host.SayAsync(record.Key, $"note {i}")));

        var stored = await host.RecordAsync(record.Id);
        Assert.Equal(20 + 2, stored.Version); // two answers before, one save per note
        foreach (var i in Enumerable.Range(1, 20))
            Assert.Contains($"\"note {i}\"", stored.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VersionConflict_FromAnotherReplica_ReloadsAndReapplies()
    {
        var store = new ConflictingStore(new InMemoryConversationStore());
        using var host = new ConversationHost(store: store);
        var (record, _) = await host.StartDemoAsync();
        await host.SayAsync(record.Key, "Checkout");
        await host.SayAsync(record.Key, "red");

        store.ConflictOnce(() => _ = store.Inner.TryUpdateAsync(
            store.Inner.GetAsync(record.Id, CancellationToken.None).Result! with { Data = """{"name":"Checkout","colour":"red","notes":["from replica 2"]}""" },
            CancellationToken.None).Result);
        await host.SayAsync(record.Key, "from replica 1");

        var stored = await host.RecordAsync(record.Id);
        Assert.Contains("from replica 2", stored.Data, StringComparison.Ordinal);
        Assert.Contains("from replica 1", stored.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondStart_InSameThread_ReturnsTheActiveOne()
    {
        using var host = new ConversationHost();
        var (first, _) = await host.StartDemoAsync("same");
        var (second, prompt) = await host.Engine.StartAsync(host.Demo, first.Key, new Events.ChatUser("U2"), "D-2", [], null, CancellationToken.None);

        Assert.Equal(first.Id, second.Id);
        Assert.Null(prompt);
    }

    [Fact]
    public async Task ChangedFlow_StepRemoved_ContinuesAtFirstUnanswered()
    {
        using var host = new ConversationHost();
        var (record, _) = await host.StartDemoAsync();
        await host.SayAsync(record.Key, "Checkout");
        var stored = await host.RecordAsync(record.Id);
        await host.Engine.Store.TryUpdateAsync(stored with { State = "a-step-an-older-version-had", FlowVersion = 0 }, CancellationToken.None);

        var reply = await host.SayAsync(record.Key, "green");

        Assert.Contains("Colour green ✔", reply!.PlainText());
        var after = await host.RecordAsync(record.Id);
        Assert.Equal("notes", after.State);
        Assert.Equal(1, after.FlowVersion);
    }

    /// <summary>Lets a test make one save lose against "another replica" that saves first.</summary>
    private sealed class ConflictingStore(InMemoryConversationStore inner) : IConversationStore
    {
        private Action? _before;

        public InMemoryConversationStore Inner => inner;

        public void ConflictOnce(Action otherReplicaSaves) => _before = otherReplicaSaves;

        public Task<bool> CreateAsync(ConversationRecord record, CancellationToken cancellationToken) => inner.CreateAsync(record, cancellationToken);

        public Task<ConversationRecord?> GetAsync(string id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

        public Task<ConversationRecord?> FindActiveAsync(Events.ConversationKey key, CancellationToken cancellationToken) => inner.FindActiveAsync(key, cancellationToken);

        public Task<ConversationRecord?> FindLatestAsync(Events.ConversationKey key, CancellationToken cancellationToken) => inner.FindLatestAsync(key, cancellationToken);

        public Task<IReadOnlyList<ConversationRecord>> ListAsync(string? kind, bool activeOnly, int limit, CancellationToken cancellationToken) => inner.ListAsync(kind, activeOnly, limit, cancellationToken);

        public Task<bool> TryUpdateAsync(ConversationRecord record, CancellationToken cancellationToken)
        {
            Interlocked.Exchange(ref _before, null)?.Invoke();
            return inner.TryUpdateAsync(record, cancellationToken);
        }
    }
}
