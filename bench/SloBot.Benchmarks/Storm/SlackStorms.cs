using System.Globalization;
using SloBot.Slack.Tests.Emulator;
using SloBot.Storage.Tests.Postgres;

namespace SloBot.Benchmarks.Storm;

/// <summary>The Slack scenarios of <c>storm</c>: Socket Mode kills, 429 storms, SIGKILL of one of two replicas.</summary>
internal static class SlackStorms
{
    /// <summary>a. Kills an open Socket Mode connection abruptly (TCP reset, no close frame) every commands ÷ (kills + 1) commands.</summary>
    public static async Task<StormResult> SocketKillsAsync(StormOptions o, string dir)
    {
        await using var slack = await SlackEmulator.StartAsync();
        using var bot = BotProcess.Start("slobot", Settings(slack, o.Sockets), dir);
        await SlackEmulator.WaitUntilAsync(() => slack.OpenSockets.Count == o.Sockets, "SloBot's sockets", TimeSpan.FromSeconds(90));
        await WarmUpAsync(slack);
        var run = new SlackRun(slack, "C", o.Mentions);
        var every = o.Commands / (o.Kills + 1);
        var kills = 0;
        var started = TimeProvider.System.GetTimestamp();
        for (var i = 1; i <= o.Commands; i++)
        {
            if (i % every == 0 && kills < o.Kills)
            {
                var victim = await SlackEmulator.WaitForAsync(() => slack.OpenSockets.FirstOrDefault(), "a socket to kill", TimeSpan.FromMinutes(2));
                victim.Kill();
                kills++;
            }

            await run.SendAsync();
            await Task.Delay(o.Interval);
        }

        var sending = TimeProvider.System.GetElapsedTime(started);
        await run.SettleAsync(TimeSpan.FromMinutes(2));
        return StormResult.From(
            $"a. Slack Socket Mode killed {kills}×{(o.Mentions ? " (app mentions)" : " (slash commands)")}",
            run.Sent,
            run.Answers(),
            $"{o.Sockets} connection(s); {slack.Sockets.Count} opened in all; commands sent over {sending.TotalSeconds:0} s; {run.SendFailures} sends hit a dying socket; {run.AckedLate()} acked after 3 s or never ({(o.Mentions ? "Slack redelivers these" : "real Slack shows a timeout error for these")})");
    }

    /// <summary>c. A share of every Web API call, response_url POST and upload answered 429 with Retry-After.</summary>
    public static async Task<StormResult> RateLimitsAsync(StormOptions o, string dir)
    {
        await using var slack = await SlackEmulator.StartAsync();
        var random = new Random(16);
        slack.Throttle = _ =>
        {
            lock (random)
                return random.NextDouble() < o.Share ? o.RetryAfterSeconds : null;
        };
        using var bot = BotProcess.Start("slobot", Settings(slack, 1), dir);
        await SlackEmulator.WaitUntilAsync(() => slack.OpenSockets.Count == 1, "SloBot's socket", TimeSpan.FromSeconds(90));
        await WarmUpAsync(slack);
        var run = new SlackRun(slack, "C", o.Mentions);
        for (var i = 0; i < o.Commands; i++)
        {
            await run.SendAsync();
            await Task.Delay(o.Interval);
        }

        await run.SettleAsync(TimeSpan.FromMinutes(3));
        var byMethod = slack.Calls.Where(c => c.Status == 429).GroupBy(c => c.Method).Select(g => $"{g.Key} {g.Count()}");
        return StormResult.From(
            $"c. Slack 429 storm ({o.Share:P0}, Retry-After {o.RetryAfterSeconds} s){(o.Mentions ? ", app mentions" : "")}",
            run.Sent,
            run.Answers(),
            $"{run.RateLimited} calls answered 429 ({string.Join(", ", byMethod)}) of {slack.Calls.Count} in all; {run.AckedLate()} acked after 3 s or never");
    }

    /// <summary>
    /// d. Two SloBot processes on one PostgreSQL database and one Slack app (a socket each); the burst is spread over
    /// both sockets and one process is SIGKILLed halfway. Waits long enough for the outbox's recovery (lease + pass).
    /// </summary>
    public static async Task<StormResult> ReplicaKillAsync(StormOptions o, string dir)
    {
        var database = await PostgresServer.NewDatabaseAsync();
        await using var slack = await SlackEmulator.StartAsync();
        BotProcess Replica(string name)
        {
            var home = Directory.CreateDirectory(Path.Combine(dir, name)).FullName;
            var settings = Settings(slack, 1);
            settings["SloBot:Storage:ConnectionString"] = database;
            settings["SloBot:Sli:Embedded:ConnectionString"] = $"Data Source={Path.Combine(home, "sli.db")}";
            return BotProcess.Start(name, settings, home);
        }

        using var a = Replica("replica-a");
        await SlackEmulator.WaitUntilAsync(() => slack.OpenSockets.Count == 1, "replica A's socket", TimeSpan.FromSeconds(90));
        var socketA = slack.OpenSockets[0];
        using var b = Replica("replica-b");
        await SlackEmulator.WaitUntilAsync(() => slack.OpenSockets.Count == 2, "replica B's socket", TimeSpan.FromSeconds(90));
        var socketB = slack.OpenSockets.Single(s => s != socketA);
        await WarmUpAsync(slack);
        var run = new SlackRun(slack, "C");
        var killedAt = o.Commands / 2;
        for (var i = 1; i <= o.Commands; i++)
        {
            if (i == killedAt)
                b.Kill();
            await run.SendAsync(open => open.Count > 1 && i % 2 == 0 && open.Contains(socketB) ? socketB : open.Contains(socketA) ? socketA : open[0]);
            await Task.Delay(o.Interval);
        }

        await run.SettleAsync(TimeSpan.FromSeconds(150)); // the outbox lease (60 s) and a recovery pass (10 s), twice over
        var lost = run.UnansweredByAckSocket();
        var viaWebApi = slack.Calls.Count(c => c.Ok && c.Method is "chat.postMessage" or "chat.postEphemeral" && run.Sent.ContainsKey(c.Str("channel") ?? ""));
        return StormResult.From(
            "d. SIGKILL of 1 of 2 replicas (Slack, PostgreSQL)",
            run.Sent,
            run.Answers(),
            string.Create(CultureInfo.InvariantCulture, $"replica B killed at command {killedAt}; unanswered: {lost.GetValueOrDefault(socketB.Id)} acked by B, {lost.GetValueOrDefault(socketA.Id)} acked by A, {lost.GetValueOrDefault(0)} never acked; {viaWebApi} answers recovered through the Web API; {run.SendFailures} sends hit the dying socket; {run.AckedLate()} acked after 3 s or never"));
    }

    private static Dictionary<string, string?> Settings(SlackEmulator slack, int sockets) => new()
    {
        ["SloBot:Slack:AppToken"] = SlackEmulator.AppToken,
        ["SloBot:Slack:BotToken"] = SlackEmulator.BotToken,
        ["SloBot:Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
        ["SloBot:Slack:SocketConnections"] = sockets.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>20 commands not counted: JIT, the demo's store, connection pools.</summary>
    private static async Task WarmUpAsync(SlackEmulator slack)
    {
        var warm = new SlackRun(slack, "W");
        for (var i = 0; i < 20; i++)
            await warm.SendAsync();
        await warm.SettleAsync(TimeSpan.FromSeconds(60));
    }
}
