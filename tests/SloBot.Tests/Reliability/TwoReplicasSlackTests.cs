using System.Diagnostics;
using Npgsql;
using SloBot.Slack.Tests.Emulator;
using SloBot.Storage.Tests.Postgres;
using SloBot.Testing;
using SloBot.Tests.Hosting;
using Xunit;
using Xunit.Abstractions;

namespace SloBot.Tests.Reliability;

/// <summary>
/// Issue 16, "What proves it" (Slack): two real SloBot processes on one PostgreSQL database and one Slack (the emulator,
/// Socket Mode), one of them SIGKILLed in the middle of a burst of commands while it holds acked, unanswered work.
/// Every command is answered exactly once: the survivor gets the envelopes the dead one never acked (Slack delivers
/// them again), and runs from the inbox those it acked but never answered.
/// </summary>
public sealed class TwoReplicasSlackTests(ITestOutputHelper output) : IDisposable
{
    private const int Burst = 100;
    private readonly ReplicaFleet _fleet = new(output, "slobot-replicas-");

    [Fact]
    public async Task TwoProcessesOnPostgres_OneKilledMidBurst_EveryCommandIsAnsweredExactlyOnce()
    {
        var database = await PostgresServer.NewDatabaseAsync();
        await using var slack = await SlackEmulator.StartAsync();
        Start("survivor", slack.ApiBaseUrl, database);
        var survivorSocket = await SocketAsync(slack, 1);
        var victim = Start("victim", new Uri(slack.BaseUrl, "victim/api/").ToString(), database);
        var victimSocket = await SocketAsync(slack, 2);
        var commands = new Dictionary<string, (string ResponseUrlId, bool ToVictim, string EnvelopeId)>();
        await WarmUpAsync(slack, survivorSocket, victimSocket);

        // A retrospective started on the victim: its thread and state are in PostgreSQL.
        await slack.SendAsync(SlackEnvelopes.SlashCommand("retro start INC-7 checkout 14:00-16:15", slack.NewResponseUrl(out _), channel: "C0RETRO", triggerId: "R1.retro"), victimSocket);
        var retro = await Poll.ForAsync(() => slack.Posted.FirstOrDefault(p => p.Channel == "C0RETRO" && p.ThreadTs is not null), "the victim's first retrospective question in its thread", TimeSpan.FromSeconds(60));

        // From now on the victim gets stuck at its first Web API or response_url call of each command (no answer reaches Slack).
        var victimUrls = new HashSet<string>();
        var victimCallsBefore = slack.Calls.Count(c => c.Prefix == "victim");
        // Its response_urls only while it lives: an envelope Slack delivers again to the survivor carries the same URL.
        var victimDead = false;
        slack.Hold = c => c.Prefix == "victim" || (c.Method == "response_url" && !Volatile.Read(ref victimDead) && Contains(victimUrls, c.Form["id"]));
        await SendAsync(slack, commands, victimUrls, 0, Burst * 6 / 10, survivorSocket, victimSocket);

        var victimEnvelopes = commands.Values.Where(c => c.ToVictim).Select(c => c.EnvelopeId).ToArray();
        await Poll.UntilAsync(() => victimEnvelopes.Count(slack.Acks.ContainsKey) >= 10 && slack.Held >= 1, "the victim to ack commands and be stuck on one", TimeSpan.FromSeconds(60));
        var rest = Task.Run(() => SendAsync(slack, commands, victimUrls, Burst * 6 / 10, Burst, survivorSocket, victimSocket)); // the burst goes on while the victim dies
        victim.Kill(entireProcessTree: true);
        await victim.WaitForExitAsync();
        Volatile.Write(ref victimDead, true);
        await rest;
        slack.DropHeld();
        var ackedByVictim = commands.Values.Count(c => slack.Acks.TryGetValue(c.EnvelopeId, out var ack) && ack.SocketId == victimSocket.Id);

        await Poll.UntilAsync(() => commands.Keys.All(t => Answers(slack, t, commands[t].ResponseUrlId) >= 1), "every command answered", TimeSpan.FromSeconds(120),
            detail: () => "unanswered: " + string.Join(", ", commands.Keys.Where(t => Answers(slack, t, commands[t].ResponseUrlId) == 0)));
        await Poll.UntilAsync(() => NothingPendingAsync(database).GetAwaiter().GetResult(), "no inbound work or delivery left pending", TimeSpan.FromSeconds(60));

        await Poll.UntilAsync(() => slack.Posted.Any(p => p.Channel == "C0SCHEDULE"), "a scheduled post", TimeSpan.FromSeconds(90));
        Assert.Equal(Burst, commands.Count);
        // The survivor takes the conversation over: it knows its answers and ends it.
        var before = ThreadPosts(slack, retro.ThreadTs!);
        await slack.SendAsync(SlackEnvelopes.EventsApi(SlackEnvelopes.ThreadReply("status", retro.ThreadTs!, "1700000100.000100", channel: "C0RETRO", user: "U0ALICE"), "Ev0STATUS"), survivorSocket);
        await Poll.UntilAsync(() => ThreadPosts(slack, retro.ThreadTs!).Count > before.Count, "the survivor's status of the victim's retrospective", TimeSpan.FromSeconds(30));
        var status = ThreadPosts(slack, retro.ThreadTs!)[before.Count..];
        await slack.SendAsync(SlackEnvelopes.EventsApi(SlackEnvelopes.ThreadReply("cancel", retro.ThreadTs!, "1700000100.000200", channel: "C0RETRO", user: "U0ALICE"), "Ev0CANCEL"), survivorSocket);
        await Poll.UntilAsync(() => ThreadPosts(slack, retro.ThreadTs!).Count > before.Count + status.Count, "the survivor to end the victim's retrospective", TimeSpan.FromSeconds(30));
        var ended = ThreadPosts(slack, retro.ThreadTs!)[(before.Count + status.Count)..];
        output.WriteLine($"retrospective thread, survivor's status: {string.Join(" | ", status)}; its answer to cancel: {string.Join(" | ", ended)}");
        Assert.Contains(status, t => t.Contains("step 4 of 15", StringComparison.Ordinal)); // where the victim left it (three steps given with the command)
        Assert.Contains(ended, t => t.Contains("INC-7 is cancelled", StringComparison.Ordinal));

        var counts = commands.Keys.ToDictionary(t => t, t => Answers(slack, t, commands[t].ResponseUrlId));
        output.WriteLine($"victim acked {ackedByVictim} of the {commands.Values.Count(c => c.ToVictim)} commands sent to it (of {Burst}) before SIGKILL; {slack.Held} calls held; answers: {string.Join(", ", counts.GroupBy(c => c.Value).Select(g => $"{g.Count()} × {g.Key}"))}");
        Assert.True(ackedByVictim >= 10, "the victim died holding acked work");
        Assert.All(counts, c => Assert.True(c.Value == 1, $"{c.Key} answered {c.Value} times"));
        Assert.Equal(victimCallsBefore, slack.Calls.Count(c => c.Prefix == "victim")); // nothing the victim sent after the hold reached Slack
        var automatic = slack.Posted.Where(p => p.Channel is "C0SCHEDULE" or "C0ALERTS")
            .GroupBy(p => p.Metadata?["event_payload"]?["key"]?.GetValue<string>() ?? "(no key)").ToArray();
        output.WriteLine($"scheduled and alert posts: {string.Join(", ", automatic.Select(g => $"{g.Key} × {g.Count()}"))}");
        Assert.Contains(automatic, g => g.Key.StartsWith("schedule:", StringComparison.Ordinal));
        Assert.All(automatic, g => Assert.True(g.Count() == 1, $"{g.Key} posted {g.Count()} times"));
        var recovered = await ReplicaFleet.ScalarAsync(database, "SELECT count(*) FROM inbox_events WHERE attempts > 1 AND state = 'done' AND inbox_key LIKE 'slack:cmd:T%'");
        output.WriteLine($"{recovered} commands were run again from the inbox");
        // Every command the victim acked was recovered (it answered none); so may be one it recorded but died before acking
        // (Slack's redelivery of that one to the survivor finds it recorded): never one the victim was not sent.
        Assert.InRange(recovered, ackedByVictim, commands.Values.Count(c => c.ToVictim));
    }

    /// <summary>
    /// Sends commands <paramref name="from"/> to <paramref name="to"/>, every second one to the victim while its socket is
    /// open (afterwards Slack has only the survivor's); an envelope whose socket died under it goes to the survivor.
    /// </summary>
    private static async Task SendAsync(SlackEmulator slack, Dictionary<string, (string ResponseUrlId, bool ToVictim, string EnvelopeId)> commands, HashSet<string> victimUrls, int from, int to, EmulatedSocket survivor, EmulatedSocket victim)
    {
        for (var i = from; i < to; i++)
        {
            var toVictim = i % 2 == 1 && victim.IsOpen;
            var url = slack.NewResponseUrl(out var id);
            if (toVictim)
            {
                lock (victimUrls)
                    victimUrls.Add(id);
            }

            var trigger = $"T{i:D3}.burst";
            var envelope = SlackEnvelopes.SlashCommand("budget checkout", url, user: User(trigger), triggerId: trigger);
            string envelopeId;
            try
            {
                envelopeId = await slack.SendAsync(envelope, toVictim ? victim : survivor);
            }
            catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or ObjectDisposedException or OperationCanceledException)
            {
                envelopeId = await slack.SendAsync(envelope, survivor); // as Slack would, on a connection still open
            }

            lock (commands)
                commands[trigger] = (id, toVictim, envelopeId);
            await Task.Yield();
        }
    }

    /// <summary>What SloBot said in a thread, in order: posts and ephemeral messages.</summary>
    private static List<string> ThreadPosts(SlackEmulator slack, string threadTs) =>
        [.. slack.Calls.Where(c => c.Ok && c.Method is "chat.postMessage" or "chat.postEphemeral" && c.Str("thread_ts") == threadTs)
            .Select(c => c.Str("text") ?? c.Body.ToString())];

    /// <summary>Each command of the burst is asked by its own user, so that an ephemeral answer (addressed to the user) tells which command it answers.</summary>
    private static string User(string trigger) => $"U0{trigger[..4]}";

    /// <summary>
    /// Answers Slack holds for one command: response_url posts (the live answer), Web API posts carrying its first reply's
    /// key, and ephemeral messages to its user (a recovered answer goes through the Web API: no response_url is stored).
    /// SloBot's private "still working" notices (a command queued behind the burst for over 2 s) are not answers.
    /// </summary>
    private static int Answers(SlackEmulator slack, string trigger, string responseUrlId) =>
        slack.Calls.Count(c => c.Method == "response_url" && c.Ok && c.Form.GetValueOrDefault("id") == responseUrlId && !IsNotice(c))
        + slack.Posted.Count(p => p.Metadata?["event_payload"]?["key"]?.GetValue<string>() == $"{trigger}#1:0")
        + slack.CallsOf("chat.postEphemeral").Count(c => c.Ok && c.Str("user") == User(trigger) && !IsNotice(c));

    private static bool IsNotice(ApiCall call) => call.Str("text")?.Contains("Still working on it", StringComparison.Ordinal) == true;

    private static bool Contains(HashSet<string> set, string id)
    {
        lock (set)
            return set.Contains(id);
    }

    private static async Task<bool> NothingPendingAsync(string database) =>
        await ReplicaFleet.ScalarAsync(database, "SELECT (SELECT count(*) FROM inbox_events WHERE state = 'pending') + (SELECT count(*) FROM outbox_deliveries WHERE state = 'pending')") == 0;


    /// <summary>The socket a process just started opened (a real process on a loaded machine may take a while to start).</summary>
    private static Task<EmulatedSocket> SocketAsync(SlackEmulator slack, int number) =>
        Poll.ForAsync(() => slack.Sockets.Count >= number && slack.Sockets[number - 1].IsOpen ? slack.Sockets[number - 1] : null, $"socket #{number}", TimeSpan.FromSeconds(90));

    /// <summary>One command each, answered: both processes are up, migrated and past their first JIT.</summary>
    private static async Task WarmUpAsync(SlackEmulator slack, EmulatedSocket survivor, EmulatedSocket victim)
    {
        foreach (var (socket, i) in new[] { (survivor, 0), (victim, 1) })
        {
            var url = slack.NewResponseUrl(out var id);
            await slack.SendAsync(SlackEnvelopes.SlashCommand("budget checkout", url, triggerId: $"W{i}.warm"), socket);
            await Poll.UntilAsync(() => slack.Calls.Any(c => c.Method == "response_url" && c.Form.GetValueOrDefault("id") == id), $"warm-up answer {i}", TimeSpan.FromSeconds(60));
        }
    }

    private Process Start(string name, string apiBaseUrl, string database) =>
        _fleet.Start(name, dir =>
        [
            "--demo",
            "--urls=http://127.0.0.1:0",
            $"--SloBot:Storage:ConnectionString={database}",
            $"--SloBot:Sli:Embedded:ConnectionString=Data Source={Path.Combine(dir, "sli.db")}",
            $"--SloBot:Slack:AppToken={SlackEmulator.AppToken}",
            $"--SloBot:Slack:BotToken={SlackEmulator.BotToken}",
            $"--SloBot:Slack:ApiBaseUrl={apiBaseUrl}",
            "--SloBot:Slack:ChannelMessageInterval=00:00:00.020",
            "--SloBot:Outbox:LeaseDuration=00:00:03",
            "--SloBot:Outbox:InboxLeaseDuration=00:00:03",
            "--SloBot:Outbox:RecoveryInterval=00:00:00.500",
            "--SloBot:Schedule:Engineering:Channel=slack:C0SCHEDULE", // due every minute, claimed by one replica each time
            "--SloBot:Schedule:Engineering:Cron=* * * * *",
            "--SloBot:Alerts:Channel=slack:C0ALERTS",
            "--SloBot:Alerts:Interval=00:00:10",
            "--Logging:LogLevel:Default=Warning",
        ]);

    public void Dispose() => _fleet.Dispose();
}
