using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Delivery;
using SloBot.Slack.Inbound;
using SloBot.Slack.Tests.Emulator;

namespace SloBot.Slack.Tests.SocketMode;

/// <summary>
/// Issue 16 item 1 (Slack): an event's ids are claimed in the handled-ids store SloBots on one database share, so an
/// event another replica (or this one before a restart) already took is acknowledged but not handled again.
/// </summary>
public sealed class SharedHandledIdsTests
{
    [Fact]
    public async Task EventAnotherReplicaHandled_IsAckedButNotHandledAgain()
    {
        var shared = new SharedStore();
        var now = TimeProvider.System.GetUtcNow(); // the host runs on the system clock
        Assert.True(await shared.TryClaimAsync("slack:ev:Ev0ELSEWHERE", now, now.AddHours(1), CancellationToken.None)); // the other replica's claim
        var sink = new RecordingSink();
        await using var slack = await SlackEmulator.StartAsync();
        await using var host = await SlackTestHost.StartAsync(slack, s => s.AddSingleton<IChatEventSink>(sink).AddSingleton<IHandledRequests>(shared));
        await slack.WaitForSocketAsync();

        var taken = await slack.SendAsync(SlackEnvelopes.EventsApi(SlackEnvelopes.ThreadReply("taken", threadTs: "1700000000.000100", ts: "1700000001.000200"), "Ev0ELSEWHERE"));
        var marker = SlackEnvelopes.ThreadReply("marker", threadTs: "1700000000.000300", ts: "1700000001.000400");
        await slack.SendAsync(SlackEnvelopes.EventsApi(marker, "Ev0MARKER"));
        await SlackEmulator.WaitUntilAsync(() => sink.Events.Any(e => RecordingSink.Describe(e) == "marker"), "the marker event");
        await SlackEmulator.WaitUntilAsync(() => host.Services.GetRequiredService<SlackInbound>().InFlight == 0, "no inbound work in flight");

        Assert.True(slack.Acks.ContainsKey(taken), "acked all the same: Slack must not retry it");
        Assert.Equal(["marker"], sink.Events.Select(RecordingSink.Describe));
        Assert.Contains("slack:ev:Ev0MARKER", shared.Keys); // this replica's claim, for the others
    }

    /// <summary>A store two replicas would share (the SQL one in production; its own tests cover SQLite and PostgreSQL).</summary>
    private sealed class SharedStore : IHandledRequests
    {
        private readonly Dictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);

        public IReadOnlyCollection<string> Keys
        {
            get
            {
                lock (_until)
                    return _until.Keys.ToArray();
            }
        }

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
