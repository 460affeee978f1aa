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
        TimeSpan? takeover = null;
        var seenDown = false;
        for (var i = 1; i <= o.Commands; i++)
        {
            if (i == killedAt)
            {
                owner.Kill();
                killed = TimeProvider.System.GetUtcNow();
            }

            if (killed is not null && takeover is null)
            {
                seenDown |= !discord.Gateway.IsLive;
                if (seenDown && discord.Gateway.IsLive)
                    takeover = TimeProvider.System.GetUtcNow() - killed.Value;
            }

            await run.SendAsync();
            await Task.Delay(o.Interval);
        }

        await WaitAsync(() => discord.Gateway.IsLive, "the shard taken over");
        var live = takeover is { } during ? $"{during.TotalSeconds:0.0} s" : $"{(TimeProvider.System.GetUtcNow() - killed!.Value).TotalSeconds:0} s (after the burst ended)";
        await run.SettleAsync(TimeSpan.FromSeconds(30));
        return StormResult.From(
            "d. SIGKILL of 1 of 2 replicas (Discord Gateway, PostgreSQL)",
            run.Sent,
            run.Answers(),
            string.Create(CultureInfo.InvariantCulture, $"the shard's owner killed at command {killedAt}; the other replica identified {discord.Gateway.FramesWithOp(2).Count() - sessionsBefore}× and was live {live} after the kill"));
    }

    /// <summary>
    /// d on Discord in HTTP interactions mode, the setup docs/reliability.md recommends for several replicas: two SloBot
    /// processes on one PostgreSQL database behind a load balancer that alternates between them and sends a POST to the
    /// other when its connection failed or was reset before any response (nginx: <c>proxy_next_upstream error timeout
    /// non_idempotent</c>; safe because each interaction id is claimed once across replicas: a copy of one the dead
    /// replica claimed is answered 409, never twice). One is SIGKILLed halfway through the burst; what it recorded and
    /// deferred, the survivor's inbox recovery answers. <c>--no-lb-retry</c>: the load balancer sends nothing again
    /// (nginx's default for a POST already sent).
    /// </summary>
    public static async Task<StormResult> HttpReplicaKillAsync(StormOptions o, string dir)
    {
        var database = await PostgresServer.NewDatabaseAsync();
        await using var discord = await DiscordEmulator.StartAsync();
        discord.InteractionsOverHttp = true;
        (BotProcess Bot, DiscordLoad.HttpSender Sender) Replica(string name)
        {
            var home = Directory.CreateDirectory(Path.Combine(dir, name)).FullName;
            var settings = Settings(discord);
            settings["SloBot:Discord:Mode"] = "Http";
            settings["SloBot:Discord:PublicKey"] = DiscordLoad.HttpSender.PublicKeyHex;
            settings["SloBot:Storage:ConnectionString"] = database;
            settings["SloBot:Sli:Embedded:ConnectionString"] = $"Data Source={Path.Combine(home, "sli.db")}";
            var port = HostStartupHarness.FreePort();
            return (BotProcess.Start(name, settings, home, port: port), new DiscordLoad.HttpSender(new Uri($"http://127.0.0.1:{port}/discord/interactions"), 16));
        }

        var (victim, toVictim) = Replica("replica-a");
        var (survivor, toSurvivor) = Replica("replica-b");
        using (victim)
        using (survivor)
        using (toVictim)
        using (toSurvivor)
        {
            DiscordLoad.HttpSender[] upstreams = [toVictim, toSurvivor];
            foreach (var upstream in upstreams)
            {
                var until = TimeProvider.System.GetUtcNow() + TimeSpan.FromMinutes(2);
                while (!await upstream.ReadyAsync() && TimeProvider.System.GetUtcNow() < until)
                    await Task.Delay(100);
            }

            var next = 0;
            var retried = 0;
            var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
            async Task<bool> BalanceAsync(System.Text.Json.Nodes.JsonObject interaction)
            {
                var first = Interlocked.Increment(ref next) % 2;
                for (var attempt = 0; attempt < 2; attempt++)
                {
                    var upstream = upstreams[(first + attempt) % 2];
                    var deferred = false;
                    try
                    {
                        await upstream.PostAsync(upstream.Sign(interaction), _ => deferred = true);
                        if (!deferred)
                            failures.Enqueue($"{(attempt == 0 ? "" : "retried, ")}answered without a deferral");
                        return deferred;
                    }
                    catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConnectionError || (o.LoadBalancerRetries && attempt == 0))
                    {
                        Interlocked.Increment(ref retried); // refused (nothing was sent) or reset before any answer: the other upstream
                        if (ex.HttpRequestError != HttpRequestError.ConnectionError)
                            failures.Enqueue($"sent again after {ex.HttpRequestError}: {ex.Message}");
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
                    {
                        failures.Enqueue($"{ex.GetType().Name} {(ex as HttpRequestException)?.HttpRequestError}: {ex.Message}");
                        return false; // sent, then the connection died (or no deferral came back): Discord shows the interaction failed
                    }
                }

                return false;
            }

            var warm = new DiscordRun(discord);
            for (var i = 0; i < 20; i++)
                await warm.SendOverHttpAsync(BalanceAsync);
            await warm.SettleAsync(TimeSpan.FromSeconds(30));

            var run = new DiscordRun(discord);
            var killedAt = o.Commands / 2;
            var inFlight = new List<Task>(o.Commands);
            for (var i = 1; i <= o.Commands; i++)
            {
                if (i == killedAt)
                    victim.Kill();
                inFlight.Add(run.SendOverHttpAsync(BalanceAsync));
                await Task.Delay(o.Interval);
            }

            await Task.WhenAll(inFlight);
            await run.SettleAsync(TimeSpan.FromMinutes(2));
            return StormResult.From(
                "d. SIGKILL of 1 of 2 replicas (Discord HTTP interactions, PostgreSQL)",
                run.Sent,
                run.Answers(),
                string.Create(CultureInfo.InvariantCulture, $"alternating load balancer{(o.LoadBalancerRetries ? " retrying resets" : " retrying refused connections only")}; replica A killed at command {killedAt}; {retried} POST(s) refused or reset by it and sent to B; {run.InitialResponses().Count()} deferrals; initial response p99 {run.InitialP99Ms():0} ms{(failures.IsEmpty ? "" : "; " + string.Join("; ", failures.GroupBy(f => f).Select(g => $"{g.Count()} × {g.Key}")))}"));
        }
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
