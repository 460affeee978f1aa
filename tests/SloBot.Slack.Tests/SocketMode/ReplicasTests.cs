using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Delivery;
using SloBot.Slack.Inbound;
using SloBot.Slack.Tests.Emulator;

namespace SloBot.Slack.Tests.SocketMode;

/// <summary>
/// Issue 16 item 2 (Slack): every replica opens its own Socket Mode connection to the one app (Slack spreads envelopes
/// over up to 10), acks what arrives on it, and the shared handled-ids store makes a redelivery on another replica's
/// socket a no-op: nothing assumes one connection.
/// </summary>
public sealed class ReplicasTests
{
    [Fact]
    public async Task TwoReplicas_EachOpenItsOwnSocket_AndAnEventRedeliveredToTheOtherIsAckedThereButHandledOnce()
    {
        var shared = new SharedHandledIds();
        var (sinkA, sinkB) = (new RecordingSink(), new RecordingSink());
        await using var slack = await SlackEmulator.StartAsync();
        await using var a = await SlackTestHost.StartAsync(slack, s => s.AddSingleton<IChatEventSink>(sinkA).AddSingleton<IHandledRequests>(shared));
        var socketA = await slack.WaitForSocketAsync();
        await using var b = await SlackTestHost.StartAsync(slack, s => s.AddSingleton<IChatEventSink>(sinkB).AddSingleton<IHandledRequests>(shared));
        var socketB = await slack.WaitForSocketAsync(openedAtLeast: 2);

        Assert.NotEqual(socketA.Id, socketB.Id);
        Assert.Equal(2, slack.OpenSockets.Count);
        var reply = SlackEnvelopes.ThreadReply("the root cause was a config push", threadTs: "1700000000.000100", ts: "1700000001.000200");
        var first = await slack.SendAsync(SlackEnvelopes.EventsApi(reply, "Ev0REDELIVERED"), socketA);
        await SlackEmulator.WaitUntilAsync(() => sinkA.Events.Count == 1, "replica a to handle the event");
        var redelivered = await slack.SendAsync(SlackEnvelopes.EventsApi((System.Text.Json.Nodes.JsonObject)reply.DeepClone(), "Ev0REDELIVERED", retryAttempt: 1), socketB);
        var marker = await slack.SendAsync(SlackEnvelopes.EventsApi(SlackEnvelopes.ThreadReply("marker", threadTs: "1700000000.000300", ts: "1700000001.000400"), "Ev0MARKER"), socketB);
        await SlackEmulator.WaitUntilAsync(() => sinkB.Events.Any(e => RecordingSink.Describe(e) == "marker"), "replica b to handle the marker");
        await SlackEmulator.WaitUntilAsync(() => b.Services.GetRequiredService<SlackInbound>().InFlight == 0, "no inbound work in flight on b");

        Assert.Equal(socketA.Id, slack.Acks[first].SocketId);
        Assert.Equal(socketB.Id, slack.Acks[redelivered].SocketId); // acked where it arrived, so Slack stops retrying
        Assert.Equal(socketB.Id, slack.Acks[marker].SocketId);
        Assert.Equal(["the root cause was a config push"], sinkA.Events.Select(RecordingSink.Describe));
        Assert.Equal(["marker"], sinkB.Events.Select(RecordingSink.Describe));
    }

    /// <summary>The handled-ids store both replicas share (the SQL one in production; SloBot.Storage.Tests cover it on SQLite and PostgreSQL).</summary>
    private sealed class SharedHandledIds : IHandledRequests
    {
        private readonly Dictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);

        public Task<bool> TryClaimAsync(string key, DateTimeOffset now, DateTimeOffset keepUntil, CancellationToken cancellationToken)
        {
            lock (_until)
            {
                if (_until.TryGetValue(key, out var until) && until > now)
                    return Task.FromResult(false);
                _until[key] = keepUntil;
                return Task.FromResult(true);
            }
        }
    }
}
