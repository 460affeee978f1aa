using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat;
using SloBot.Chat.Delivery;
using SloBot.Slack.Tests.Emulator;
using SloBot.Storage;
using SloBot.Testing;

namespace SloBot.Slack.Tests.Inbound;

/// <summary>
/// Issue 16 (Slack): an event SloBot acked is recorded in the inbox first, so work a process accepted outlives it. Two
/// "processes" (hosts with their own socket, inbox and outbox) share one SQLite file; the first one's death is its store
/// refusing everything from a moment on (no renewal, no completion, as SIGKILL leaves it) while its work hangs.
/// </summary>
public sealed class InboxTests : IDisposable
{
    /// <summary>Bounds a failure only: two hosts share one SQLite file, and under a full parallel test run their writes queue.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly string _dir = Directory.CreateTempSubdirectory("slobot-inbox-").FullName;

    [Fact]
    public async Task AckedCommandWhoseProcessDied_IsAnsweredOnce_ByTheOtherProcess_ThroughTheWebApi()
    {
        await using var slack = await SlackEmulator.StartAsync();
        var (dying, hung) = (new ControlledInboxStore(), new TaskCompletionSource());
        var sinkA = new RecordingSink { Answer = async (_, _) => { await hung.Task; return null; } };
        var sinkB = new RecordingSink();
        await using var a = await StartAsync(slack, sinkA, dying);
        var socketA = await slack.WaitForSocketAsync();
        await using var b = await StartAsync(slack, sinkB);
        await slack.WaitForSocketAsync(openedAtLeast: 2);

        var url = slack.NewResponseUrl(out _);
        var envelope = await slack.SendAsync(SlackEnvelopes.SlashCommand("budget checkout", url, triggerId: "T1.trigger"), socketA);
        await SlackEmulator.WaitUntilAsync(() => slack.Acks.ContainsKey(envelope) && !sinkA.Events.IsEmpty, "process a to ack the command and start on it", Patience);
        var stored = await b.Services.GetRequiredService<IInboxStore>().FindAsync("slack:cmd:T1.trigger", CancellationToken.None);
        Assert.Equal(InboxState.Pending, stored!.State);
        Assert.Contains("budget checkout", stored.Message.Payload);
        Assert.DoesNotContain("response", stored.Message.Payload); // response_url is a credential: not stored
        Assert.DoesNotContain("legacy-verification-token", stored.Message.Payload);

        dying.Die();
        await SlackEmulator.WaitUntilAsync(() => slack.Posted.Count == 1, "process b to answer the command a never answered", TimeSpan.FromSeconds(30));
        await SlackEmulator.WaitUntilAsync(() => Done(b, "slack:cmd:T1.trigger"), "the inbox entry to be done", Patience);

        var posted = Assert.Single(slack.Posted);
        Assert.Equal(("C0PAYMENTS", "echo: budget checkout"), (posted.Channel, posted.Text));
        Assert.Equal("T1.trigger#1:0", posted.Metadata?["event_payload"]?["key"]?.GetValue<string>());
        Assert.Empty(slack.CallsOf("response_url"));
        Assert.Equal(["T1.trigger"], sinkB.Events.Select(e => e.EventId));
        Assert.Equal("", (await b.Services.GetRequiredService<IInboxStore>().FindAsync("slack:cmd:T1.trigger", CancellationToken.None))!.Message.Payload);
        hung.SetResult();
    }

    [Fact]
    public async Task EventRedeliveredToAnotherProcess_WhileTheFirstStillWorks_IsAckedThereButNeitherHandledNorTakenOver()
    {
        await using var slack = await SlackEmulator.StartAsync();
        var slow = new TaskCompletionSource();
        var sinkA = new RecordingSink { Answer = async (e, _) => { await slow.Task; return Chat.Replies.Reply.Text("done: " + RecordingSink.Describe(e)); } };
        var sinkB = new RecordingSink();
        await using var a = await StartAsync(slack, sinkA);
        var socketA = await slack.WaitForSocketAsync();
        await using var b = await StartAsync(slack, sinkB);
        var socketB = await slack.WaitForSocketAsync(openedAtLeast: 2);
        var reply = SlackEnvelopes.ThreadReply("the root cause was a config push", threadTs: "1700000000.000100", ts: "1700000001.000200");

        await slack.SendAsync(SlackEnvelopes.EventsApi(reply, "Ev0SLOW"), socketA);
        await SlackEmulator.WaitUntilAsync(() => !sinkA.Events.IsEmpty, "process a to start on the event", Patience);
        var again = await slack.SendAsync(SlackEnvelopes.EventsApi((System.Text.Json.Nodes.JsonObject)reply.DeepClone(), "Ev0SLOW", retryAttempt: 1), socketB);
        await slack.SendAsync(SlackEnvelopes.EventsApi(SlackEnvelopes.ThreadReply("marker", threadTs: "1700000000.000300", ts: "1700000001.000400"), "Ev0MARKER"), socketB);
        await SlackEmulator.WaitUntilAsync(() => sinkB.Events.Any(e => RecordingSink.Describe(e) == "marker") && slack.Acks.ContainsKey(again), "process b to ack the copy and handle the marker", Patience);
        Assert.Equal(socketB.Id, slack.Acks[again].SocketId);

        // Three leases pass while a works: its renewals keep b's recovery passes (every 0.5 s) off the entry.
        await Task.Delay(TimeSpan.FromSeconds(9));
        Assert.Equal(["marker"], sinkB.Events.Select(RecordingSink.Describe));
        slow.SetResult();
        await SlackEmulator.WaitUntilAsync(() => Done(a, "slack:msg:C0PAYMENTS:1700000001.000200"), "process a to finish", Patience);
        Assert.Equal(["done: the root cause was a config push", "echo: marker"], slack.Posted.Select(p => p.Text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Envelope_IsRecordedBeforeItIsAcked()
    {
        await using var slack = await SlackEmulator.StartAsync();
        var gated = new ControlledInboxStore { RecordGate = new TaskCompletionSource() };
        var sink = new RecordingSink();
        await using var host = await StartAsync(slack, sink, gated);
        var socket = await slack.WaitForSocketAsync();

        var envelope = await slack.SendAsync(SlackEnvelopes.SlashCommand("budget checkout", slack.NewResponseUrl(out _), triggerId: "T2.trigger"), socket);
        await gated.RecordEntered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(slack.Acks.ContainsKey(envelope)); // the record is held: no ack, no work
        Assert.Empty(sink.Events);

        gated.RecordGate.SetResult();
        await SlackEmulator.WaitUntilAsync(() => slack.Acks.ContainsKey(envelope) && sink.Events.Count == 1, "the ack and the work once recorded", Patience);
        await SlackEmulator.WaitUntilAsync(() => Done(host, "slack:cmd:T2.trigger"), "the entry to be done", Patience);
    }

    [Fact]
    public async Task Burst_EnvelopesTheSocketHadBuffered_AreRecordedTogether_ThenAllAcked_ThenEachAnsweredOnce()
    {
        await using var slack = await SlackEmulator.StartAsync();
        var gated = new ControlledInboxStore { RecordGate = new TaskCompletionSource() };
        var sink = new RecordingSink();
        await using var host = await StartAsync(slack, sink, gated);
        var socket = await slack.WaitForSocketAsync();

        var first = await slack.SendAsync(SlackEnvelopes.SlashCommand("budget s0", slack.NewResponseUrl(out _), triggerId: "B0.trigger"), socket);
        await gated.RecordEntered.Task.WaitAsync(TimeSpan.FromSeconds(10)); // the first is being recorded; the rest queue on the socket
        var rest = new List<string>();
        for (var i = 1; i < 40; i++)
            rest.Add(await slack.SendAsync(SlackEnvelopes.SlashCommand($"budget s{i}", slack.NewResponseUrl(out _), triggerId: $"B{i}.trigger"), socket));
        Assert.Empty(slack.Acks); // nothing acked before its record

        gated.RecordGate.SetResult();
        await SlackEmulator.WaitUntilAsync(() => rest.Prepend(first).All(slack.Acks.ContainsKey) && slack.CallsOf("response_url").Count == 40, "40 acks and 40 answers", Patience);
        Assert.Equal(40, gated.Records.Sum());
        Assert.True(gated.Records.Count < 10, $"{gated.Records.Count} record calls for 40 envelopes: {string.Join(", ", gated.Records)}");
        Assert.Equal(40, sink.Events.Select(e => e.EventId).Distinct().Count());
    }

    private static bool Done(SlackTestHost host, string key) =>
        host.Services.GetRequiredService<IInboxStore>().FindAsync(key, CancellationToken.None).GetAwaiter().GetResult()?.State == InboxState.Done;

    private Task<SlackTestHost> StartAsync(SlackEmulator slack, RecordingSink sink, ControlledInboxStore? control = null)
    {
        var settings = SlackTestHost.Settings(slack, new Dictionary<string, string?>
        {
            ["SloBot:Storage:ConnectionString"] = $"Data Source={Path.Combine(_dir, "state.db")}",
            ["SloBot:Outbox:InboxLeaseDuration"] = "00:00:03",
            ["SloBot:Outbox:RecoveryInterval"] = "00:00:00.500",
            ["SloBot:Slack:StillWorkingAfter"] = "0", // the hung process would tell its asker it is still working; this test counts answers
        });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return SlackTestHost.StartAsync(settings, s =>
        {
            s.AddSloBotChat(configuration);
            s.AddSloBotStorage(configuration);
            s.AddSingleton<IChatEventSink>(sink);
            if (control is null)
                return;
            var sql = s.Last(d => d.ServiceType == typeof(IInboxStore)).ImplementationType!;
            s.Replace(ServiceDescriptor.Singleton<IInboxStore>(sp => control.Wrap((IInboxStore)ActivatorUtilities.CreateInstance(sp, sql))));
        });
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // a file still open on a slow machine: the temp directory is cleaned up later
        }
    }
}
