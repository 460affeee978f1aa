using System.Globalization;
using SloBot.Discord.Tests.Emulator;
using SloBot.Storage.Tests.Postgres;

namespace SloBot.Benchmarks.Storm;

/// <summary>The Discord scenarios of <c>storm</c>: Gateway kills and 429 storms.</summary>
internal static class DiscordStorms
{
    /// <summary>b. Drops the Gateway's TCP connection (no close frame) every commands ÷ (kills + 1) interactions; SloBot resumes.</summary>
    public static async Task<StormResult> GatewayKillsAsync(StormOptions o, string dir)
    {
        await using var discord = await DiscordEmulator.StartAsync();
        using var bot = BotProcess.Start("slobot", Settings(discord), dir);
        await WaitAsync(() => discord.Gateway.IsLive, "SloBot on the Gateway");
        await WarmUpAsync(discord);
        var run = new DiscordRun(discord);
        var every = o.Commands / (o.Kills + 1);
        var kills = 0;
        var started = TimeProvider.System.GetTimestamp();
        for (var i = 1; i <= o.Commands; i++)
        {
            if (i % every == 0 && kills < o.Kills)
            {
                await WaitAsync(() => discord.Gateway.IsLive, "a live Gateway session to kill");
                try
                {
                    discord.Gateway.Kill();
                    kills++;
                }
                catch (InvalidOperationException)
                {
                    // it dropped between the check and the kill; the next command tries again
                }
            }

            await run.SendAsync();
            await Task.Delay(o.Interval);
        }

        var sending = TimeProvider.System.GetElapsedTime(started);
        await run.SettleAsync(TimeSpan.FromMinutes(2));
        var resumes = discord.Gateway.FramesWithOp(6).Count();
        var identifies = discord.Gateway.FramesWithOp(2).Count();
        return StormResult.From(
            $"b. Discord Gateway killed {kills}×",
            run.Sent,
            run.Answers(),
            $"{resumes} resumes, {identifies} identifies; sent over {sending.TotalSeconds:0} s; initial response p99 {run.InitialP99Ms():0} ms");
    }

    /// <summary>c. A share of every REST request answered 429 the way Discord does (bucket headers, Retry-After, JSON retry_after).</summary>
    public static async Task<StormResult> RateLimitsAsync(StormOptions o, string dir)
    {
        await using var discord = await DiscordEmulator.StartAsync();
        var random = new Random(16);
        var limited = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        discord.Intercept = async (context, path) =>
        {
            bool hit;
            lock (random)
                hit = random.NextDouble() < o.Share;
            if (!hit)
                return false;
            limited.AddOrUpdate(Route(context.Request.Method, path), 1, (_, n) => n + 1);
            await DiscordEmulator.TooManyRequestsAsync(context, o.RetryAfterSeconds);
            return true;
        };
        using var bot = BotProcess.Start("slobot", Settings(discord), dir);
        await WaitAsync(() => discord.Gateway.IsLive, "SloBot on the Gateway");
        await WarmUpAsync(discord);
        var run = new DiscordRun(discord);
        for (var i = 0; i < o.Commands; i++)
        {
            await run.SendAsync();
            await Task.Delay(o.Interval);
        }

        await run.SettleAsync(TimeSpan.FromMinutes(3));
        return StormResult.From(
            $"c. Discord 429 storm ({o.Share:P0}, retry_after {o.RetryAfterSeconds} s)",
            run.Sent,
            run.Answers(),
            $"{limited.Values.Sum()} requests answered 429 ({string.Join(", ", limited.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"))}); initial response p99 {run.InitialP99Ms():0} ms");
    }

    /// <summary>
    /// d on Discord: two SloBot processes on one PostgreSQL database share the Gateway's one shard through the lease
    /// table; the owner of the shard is SIGKILLed halfway through the burst and the other takes the shard over.
    /// </summary>
    public static async Task<StormResult> ReplicaKillAsync(StormOptions o, string dir)
    {
        var database = await PostgresServer.NewDatabaseAsync();
        await using var discord = await DiscordEmulator.StartAsync();
        BotProcess Replica(string name, int port)
        {
            var home = Directory.CreateDirectory(Path.Combine(dir, name)).FullName;
            var settings = Settings(discord);
            settings["SloBot:Storage:ConnectionString"] = database;
            settings["SloBot:Sli:Embedded:ConnectionString"] = $"Data Source={Path.Combine(home, "sli.db")}";
            settings["SloBot:Discord:ShardCount"] = "1";
            return BotProcess.Start(name, settings, home, port: port);
        }

        using var owner = Replica("replica-a", HostStartupHarness.FreePort());
        await WaitAsync(() => discord.Gateway.IsLive, "replica A on the Gateway");
        var portB = HostStartupHarness.FreePort();
        using var other = Replica("replica-b", portB);
        using (var http = new HttpClient())
        {
            await WaitAsync(() => Ready(http, portB), "replica B ready");
        }

        await WarmUpAsync(discord);
        var run = new DiscordRun(discord);
        var killedAt = o.Commands / 2;
        var sessionsBefore = discord.Gateway.FramesWithOp(2).Count();
        DateTimeOffset? killed = null;
        for (var i = 1; i <= o.Commands; i++)
        {
            if (i == killedAt)
            {
                owner.Kill();
                killed = TimeProvider.System.GetUtcNow();
            }

            await run.SendAsync();
            await Task.Delay(o.Interval);
        }

        await WaitAsync(() => discord.Gateway.IsLive, "the shard taken over");
        var takeover = TimeProvider.System.GetUtcNow() - killed!.Value;
        await run.SettleAsync(TimeSpan.FromSeconds(30));
        return StormResult.From(
            "d. SIGKILL of 1 of 2 replicas (Discord Gateway, PostgreSQL)",
            run.Sent,
            run.Answers(),
            string.Create(CultureInfo.InvariantCulture, $"the shard's owner killed at command {killedAt}; the other replica identified {discord.Gateway.FramesWithOp(2).Count() - sessionsBefore}× and was live {takeover.TotalSeconds:0} s after the kill (or less: measured when the burst ended)"));
    }

    private static bool Ready(HttpClient http, int port)
    {
        try
        {
            using var response = http.GetAsync(new Uri($"http://127.0.0.1:{port}/readyz")).GetAwaiter().GetResult();
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    internal static Dictionary<string, string?> Settings(DiscordEmulator discord) => new()
    {
        ["SloBot:Discord:BotToken"] = discord.BotToken,
        ["SloBot:Discord:ApplicationId"] = discord.ApplicationId,
        ["SloBot:Discord:ApiBaseUrl"] = discord.ApiBaseUrl.ToString(),
        ["SloBot:Discord:GuildIds:0"] = DiscordEmulator.GuildId,
    };

    internal static Task WaitAsync(Func<bool> condition, string what) => SloBot.Testing.Poll.UntilAsync(condition, what, TimeSpan.FromMinutes(2));

    /// <summary>The route with ids and tokens left out: "PATCH webhooks/messages/@original".</summary>
    private static string Route(string method, string path) =>
        method + " " + string.Join('/', path.Replace("/api/v10/", "", StringComparison.Ordinal).Split('/').Where(p => p.Length > 0 && !char.IsDigit(p[0]) && !p.StartsWith("aW50", StringComparison.Ordinal)));

    private static async Task WarmUpAsync(DiscordEmulator discord)
    {
        var warm = new DiscordRun(discord);
        for (var i = 0; i < 20; i++)
            await warm.SendAsync();
        await warm.SettleAsync(TimeSpan.FromSeconds(60));
    }
}
