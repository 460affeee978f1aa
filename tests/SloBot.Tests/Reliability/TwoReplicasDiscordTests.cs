using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using NSec.Cryptography;
using SloBot.Discord.Tests.Emulator;
using SloBot.Storage.Tests.Postgres;
using SloBot.Testing;
using SloBot.Tests.Hosting;
using Xunit;
using Xunit.Abstractions;

namespace SloBot.Tests.Reliability;

/// <summary>
/// Issue 16, "What proves it" (Discord, HTTP interactions mode): two real SloBot processes on one PostgreSQL database
/// answer signed interaction POSTs (a load balancer alternating between them); one is SIGKILLed mid-burst while it holds
/// deferred, unanswered interactions (the emulator holds every call it makes from the burst on). Every interaction is
/// answered exactly once: the survivor's inbox recovery edits the original of each one the victim deferred. Both run
/// the engineering post every minute and burn-rate alerts every 10 s into their own channels: each scheduled run and
/// each alert change is posted once. A retrospective the victim started is carried on and cancelled by the survivor:
/// HTTP mode receives no thread messages (docs/discord.md), so it is continued with the buttons of the victim's prompt.
/// </summary>
public sealed class TwoReplicasDiscordTests(ITestOutputHelper output) : IDisposable
{
    private const int Burst = 60;
    private const string Seed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"; // RFC 8032 test 1
    private const string PublicKeyHex = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private const string ScheduleChannel = "1300000000000000002";
    private const string AlertChannel = "1300000000000000003";
    private readonly ReplicaFleet _fleet = new(output, "slobot-dreplicas-");

    [Fact]
    public async Task TwoProcessesOnPostgres_HttpInteractions_OneKilledMidBurst_EverythingHappensOnceAndTheSurvivorCarriesOn()
    {
        var database = await PostgresServer.NewDatabaseAsync();
        await using var discord = await DiscordEmulator.StartAsync();
        discord.InteractionsOverHttp = true;
        var holdVictim = false;
        discord.Intercept = async (context, _) =>
        {
            if (!Volatile.Read(ref holdVictim) || context.Request.Host.Host != "localhost")
                return false;
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted); // stuck mid-work until it dies
            }
            catch (OperationCanceledException)
            {
            }

            context.Response.StatusCode = 499; // never reached Discord
            return true;
        };
        var (survivorPort, victimPort) = (SlobotProcess.FreePort(), SlobotProcess.FreePort());
        Start("survivor", discord.ApiBaseUrl.ToString(), survivorPort, database);
        var victim = Start("victim", discord.ApiBaseUrl.ToString().Replace("127.0.0.1", "localhost", StringComparison.Ordinal), victimPort, database);
        using var survivorHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{survivorPort}") };
        using var victimHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{victimPort}") };
        foreach (var http in new[] { survivorHttp, victimHttp })
        {
            var warm = discord.Interaction(2, DiscordEmulator.SlashCommand("budget", ("service", "checkout")));
            await Poll.UntilAsync(() => TryPostAsync(http, warm).GetAwaiter().GetResult() == 200, "a replica to answer", TimeSpan.FromSeconds(90));
            await Poll.UntilAsync(() => Answers(discord, warm) == 1, "the warm-up answer", TimeSpan.FromSeconds(60));
        }

        // A retrospective started on the victim: its thread and state are in PostgreSQL.
        var retro = discord.Interaction(2, DiscordEmulator.SlashCommand("retro start", ("incident", "INC-7"), ("services", "checkout"), ("window", "14:00-16:15")));
        Assert.Equal(200, await TryPostAsync(victimHttp, retro));
        var thread = await Poll.ForAsync(() => discord.Requests.FirstOrDefault(r => r.Method == "POST" && Ok(r) && r.Path.StartsWith($"/api/v10/channels/{DiscordEmulator.ChannelId}/messages/", StringComparison.Ordinal) && r.Path.EndsWith("/threads", StringComparison.Ordinal))?.Path.Split('/')[^2],
            "the victim's retrospective thread", TimeSpan.FromSeconds(60));
        var prompt = await Poll.ForAsync(() => Creates(discord, thread).Select(r => r.Body).FirstOrDefault(b => Text(b).Contains("SLO impact", StringComparison.Ordinal)), "the victim's first retrospective question in its thread", TimeSpan.FromSeconds(60));
        await Poll.UntilAsync(() => Answers(discord, retro) == 1, "the victim's answer to /slo retro start", TimeSpan.FromSeconds(30));

        Volatile.Write(ref holdVictim, true);
        var sent = new List<(JsonObject Interaction, bool ToVictim)>();
        for (var i = 0; i < Burst; i++)
        {
            var toVictim = i % 2 == 1 && i < Burst / 2;
            var interaction = discord.Interaction(2, DiscordEmulator.SlashCommand("budget", ("service", "checkout")));
            Assert.Equal(200, await TryPostAsync(toVictim ? victimHttp : survivorHttp, interaction)); // the deferral, in the HTTP answer
            sent.Add((interaction, toVictim));
            if (i == Burst / 2)
            {
                victim.Kill(entireProcessTree: true); // the load balancer sends the rest to the survivor
                await victim.WaitForExitAsync();
            }
        }

        await Poll.UntilAsync(() => sent.All(s => Answers(discord, s.Interaction) >= 1), "every interaction answered", TimeSpan.FromSeconds(120),
            detail: () => "unanswered: " + string.Join(", ", sent.Where(s => Answers(discord, s.Interaction) == 0).Select(s => s.Interaction["id"])));
        await Poll.UntilAsync(() => ReplicaFleet.ScalarAsync(database, "SELECT count(*) FROM inbox_events WHERE state = 'pending'").GetAwaiter().GetResult() == 0, "no inbound work pending", TimeSpan.FromSeconds(60));

        // The survivor takes the conversation over: the victim's Skip button moves it on, the next prompt's Cancel ends it.
        var next = await ClickAsync(discord, survivorHttp, thread, prompt, "Skip", "the survivor's answer to Skip on the victim's question");
        var ended = await ClickAsync(discord, survivorHttp, thread, next, "Cancel", "the survivor's answer to Cancel");
        output.WriteLine($"retrospective thread {thread}: the victim asked \"{Header(prompt)}\"; the survivor answered Skip with \"{Header(next)}\" and Cancel with \"{Said(ended)}\"");
        Assert.Contains("step 4 of 15", Header(prompt), StringComparison.Ordinal); // three steps given with the command
        Assert.Contains("step 5 of 15", Header(next), StringComparison.Ordinal); // the survivor went on from where the victim left it
        Assert.Contains("SLO impact — done", Text(next), StringComparison.Ordinal);
        Assert.Contains("INC-7 is cancelled", Said(ended), StringComparison.Ordinal);

        await Poll.UntilAsync(() => Creates(discord, ScheduleChannel).Any(), "a scheduled post", TimeSpan.FromSeconds(90));
        await Poll.UntilAsync(() => NothingPendingAsync(database).GetAwaiter().GetResult(), "no inbound work or delivery left pending", TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(5)); // a second answer or post, if any, would come by now

        var counts = sent.Select(s => Answers(discord, s.Interaction)).ToArray();
        var recovered = await ReplicaFleet.ScalarAsync(database, "SELECT count(*) FROM inbox_events WHERE attempts > 1 AND state = 'done' AND inbox_key LIKE 'discord:int:%'");
        var payloads = await ReplicaFleet.ScalarAsync(database, "SELECT count(*) FROM inbox_events WHERE payload <> ''");
        output.WriteLine($"{sent.Count(s => s.ToVictim)} of {Burst} deferred by the victim before SIGKILL; {recovered} run again from the inbox; answers: {string.Join(", ", counts.GroupBy(c => c).Select(g => $"{g.Count()} × {g.Key}"))}");
        Assert.All(counts, c => Assert.Equal(1, c));
        Assert.Equal(sent.Count(s => s.ToVictim), recovered);
        Assert.Equal(0, payloads); // no token left in the store

        // Each scheduled run and alert change, named by its key (Discord's nonce is hashed from it), was created once.
        var posted = await PostedRunsAsync(database); // before the creates are read: each of these was created before
        var creates = Creates(discord, ScheduleChannel).Concat(Creates(discord, AlertChannel)).ToArray();
        var keys = await AutomaticKeysAsync(database); // after: holds the key of every create read
        var automatic = creates.GroupBy(r => r.Body?["nonce"]?.GetValue<string>() ?? "(no nonce)")
            .Select(g => (Key: keys.GetValueOrDefault(g.Key, $"(nonce {g.Key} of no recorded run or change)"), Count: g.Count())).ToArray();
        output.WriteLine($"scheduled and alert posts: {string.Join(", ", automatic.Select(a => $"{a.Key} × {a.Count}"))}; runs recorded as posted: {string.Join(", ", posted)}");
        Assert.NotEmpty(posted);
        Assert.All(posted, run => Assert.Contains(automatic, a => a.Key == run + ":0"));
        Assert.All(automatic, a => Assert.True(a.Count == 1 && !a.Key.StartsWith('('), $"{a.Key} created {a.Count} times"));
    }

    /// <summary>Clicks a button of a message in the thread (a signed component interaction); returns SloBot's follow-up.</summary>
    private static async Task<JsonNode> ClickAsync(DiscordEmulator discord, HttpClient http, string thread, JsonNode? message, string label, string what)
    {
        var channel = new JsonObject { ["id"] = thread, ["type"] = 11, ["guild_id"] = DiscordEmulator.GuildId, ["parent_id"] = DiscordEmulator.ChannelId, ["name"] = "INC-7 retrospective" };
        var clicked = new JsonObject { ["id"] = discord.NextId(), ["channel_id"] = thread, ["content"] = message?["content"]?.DeepClone(), ["embeds"] = message?["embeds"]?.DeepClone(), ["components"] = message?["components"]?.DeepClone() };
        var click = discord.Interaction(3, new JsonObject { ["custom_id"] = CustomId(message, label), ["component_type"] = 2 }, thread, clicked, channel);
        Assert.Equal(200, await TryPostAsync(http, click)); // the silent update, in the HTTP answer
        return await Poll.ForAsync(() => discord.ResponsesTo(click).FirstOrDefault(r => r.Method == "POST" && Ok(r))?.Body, what, TimeSpan.FromSeconds(30));
    }

    private static string CustomId(JsonNode? message, string label) =>
        (message?["components"]?.AsArray() ?? []).SelectMany(row => row?["components"]?.AsArray() ?? [])
            .FirstOrDefault(c => c?["label"]?.GetValue<string>() == label)?["custom_id"]?.GetValue<string>()
        ?? throw new InvalidOperationException($"no '{label}' button in {message?.ToJsonString()}");

    /// <summary>The first embed's title: where a conversation's prompt says which step it is at.</summary>
    private static string Header(JsonNode? message) => message?["embeds"]?[0]?["title"]?.GetValue<string>() ?? Text(message);

    /// <summary>A message's text and embeds, as a person reads them.</summary>
    private static string Said(JsonNode? message) => string.Join("\n", Text(message?["content"]), Text(message?["embeds"])).Trim();

    /// <summary>Every string in a Discord payload, joined.</summary>
    private static string Text(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonObject o => string.Join("\n", o.Select(p => Text(p.Value))),
        JsonArray a => string.Join("\n", a.Select(Text)),
        _ => "",
    };

    /// <summary>Messages SloBot created in a channel (or thread) that reached Discord.</summary>
    private static IEnumerable<RecordedRequest> Creates(DiscordEmulator discord, string channel) =>
        discord.Requests.Where(r => r.Method == "POST" && Ok(r) && r.Path == $"/api/v10/channels/{channel}/messages");

    private static bool Ok(RecordedRequest r) => r.Status is >= 200 and < 300;

    /// <summary>The keys of the scheduled runs the ledger records as posted (their first piece's key is "…:0").</summary>
    private static async Task<List<string>> PostedRunsAsync(string database)
    {
        var runs = new List<string>();
        await foreach (var (job, occurrence, _) in RowsAsync(database, "SELECT job, occurrence, '' FROM schedule_runs WHERE status = 'posted'"))
            runs.Add($"schedule:{job}:{occurrence / 1000}");
        return runs;
    }

    /// <summary>
    /// Nonce → key of every piece a recorded scheduled run or alert change may post: the nonce is the first 25 hex digits
    /// of the SHA-256 of the intent's key and the piece's index (docs/discord.md).
    /// </summary>
    private static async Task<Dictionary<string, string>> AutomaticKeysAsync(string database)
    {
        var keys = new List<string>();
        await foreach (var (job, occurrence, _) in RowsAsync(database, "SELECT job, occurrence, '' FROM schedule_runs"))
            keys.Add($"schedule:{job}:{occurrence / 1000}");
        await foreach (var (slo, since, severity) in RowsAsync(database, "SELECT slo, since, severity FROM alert_changes"))
            keys.Add($"alert:{slo}:{severity}:{since / 1000}");
        return keys.SelectMany(k => Enumerable.Range(0, 10).Select(i => $"{k}:{i}")).Distinct()
            .ToDictionary(k => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(k)))[..25]);
    }

    private static async IAsyncEnumerable<(string Name, long Time, string Extra)> RowsAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            yield return (reader.GetString(0), reader.GetInt64(1), reader.GetString(2));
    }

    private static async Task<bool> NothingPendingAsync(string database) =>
        await ReplicaFleet.ScalarAsync(database, "SELECT (SELECT count(*) FROM inbox_events WHERE state = 'pending') + (SELECT count(*) FROM outbox_deliveries WHERE state = 'pending')") == 0;

    /// <summary>Edits of the original that reached Discord (a held call of the victim never did).</summary>
    private static int Answers(DiscordEmulator discord, JsonObject interaction) =>
        discord.ResponsesTo(interaction).Count(r => r.Method == "PATCH" && r.Status is >= 200 and < 300);

    private static async Task<int> TryPostAsync(HttpClient http, JsonObject interaction)
    {
        var body = Encoding.UTF8.GetBytes(interaction.ToJsonString());
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var key = Key.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(Seed), KeyBlobFormat.RawPrivateKey);
        var signature = Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(key, [.. Encoding.UTF8.GetBytes(timestamp), .. body]));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/discord/interactions") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        request.Headers.Add("X-Signature-Ed25519", signature);
        try
        {
            using var response = await http.SendAsync(request);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0; // not listening yet
        }
    }

    private Process Start(string name, string apiBaseUrl, int port, string database) =>
        _fleet.Start(name, dir =>
        [
            "--demo",
            $"--urls=http://127.0.0.1:{port}",
            $"--SloBot:Storage:ConnectionString={database}",
            $"--SloBot:Sli:Embedded:ConnectionString=Data Source={Path.Combine(dir, "sli.db")}",
            "--SloBot:Discord:BotToken=MTEwMDAwMDAwMDAwMDAwMDAwMg.emulator.secret-token",
            "--SloBot:Discord:ApplicationId=1100000000000000001",
            $"--SloBot:Discord:ApiBaseUrl={apiBaseUrl}",
            $"--SloBot:Discord:PublicKey={PublicKeyHex}",
            "--SloBot:Discord:Mode=Http",
            "--SloBot:Outbox:LeaseDuration=00:00:03",
            "--SloBot:Outbox:InboxLeaseDuration=00:00:03",
            "--SloBot:Outbox:RecoveryInterval=00:00:00.500",
            $"--SloBot:Schedule:Engineering:Channel=discord:{ScheduleChannel}", // due every minute (and at start), claimed by one replica each time
            "--SloBot:Schedule:Engineering:Cron=* * * * *",
            $"--SloBot:Alerts:Channel=discord:{AlertChannel}",
            "--SloBot:Alerts:Interval=00:00:10",
            "--Logging:LogLevel:Default=Warning",
        ]);

    public void Dispose() => _fleet.Dispose();
}
