using System.Diagnostics;
using System.Net.Http.Headers;
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
/// answered exactly once: the survivor's inbox recovery edits the original of each one the victim deferred.
/// </summary>
public sealed class TwoReplicasDiscordTests(ITestOutputHelper output) : IDisposable
{
    private const int Burst = 60;
    private const string Seed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"; // RFC 8032 test 1
    private const string PublicKeyHex = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private readonly ReplicaFleet _fleet = new(output, "slobot-dreplicas-");

    [Fact]
    public async Task TwoProcessesOnPostgres_HttpInteractions_OneKilledMidBurst_EveryInteractionIsAnsweredExactlyOnce()
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
            var warm = discord.Interaction(2, Budget());
            await Poll.UntilAsync(() => TryPostAsync(http, warm).GetAwaiter().GetResult() == 200, "a replica to answer", TimeSpan.FromSeconds(90));
            await Poll.UntilAsync(() => Answers(discord, warm) == 1, "the warm-up answer", TimeSpan.FromSeconds(60));
        }

        Volatile.Write(ref holdVictim, true);
        var sent = new List<(JsonObject Interaction, bool ToVictim)>();
        for (var i = 0; i < Burst; i++)
        {
            var toVictim = i % 2 == 1 && i < Burst / 2;
            var interaction = discord.Interaction(2, Budget());
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
        await Task.Delay(TimeSpan.FromSeconds(5)); // a second answer, if any, would come by now

        var counts = sent.Select(s => Answers(discord, s.Interaction)).ToArray();
        var recovered = await ReplicaFleet.ScalarAsync(database, "SELECT count(*) FROM inbox_events WHERE attempts > 1 AND state = 'done' AND inbox_key LIKE 'discord:int:%'");
        var payloads = await ReplicaFleet.ScalarAsync(database, "SELECT count(*) FROM inbox_events WHERE payload <> ''");
        output.WriteLine($"{sent.Count(s => s.ToVictim)} of {Burst} deferred by the victim before SIGKILL; {recovered} run again from the inbox; answers: {string.Join(", ", counts.GroupBy(c => c).Select(g => $"{g.Count()} × {g.Key}"))}");
        Assert.All(counts, c => Assert.Equal(1, c));
        Assert.Equal(sent.Count(s => s.ToVictim), recovered);
        Assert.Equal(0, payloads); // no token left in the store
    }

    private static JsonObject Budget() => new()
    {
        ["id"] = "1600000000000000001",
        ["name"] = "slo",
        ["type"] = 1,
        ["options"] = new JsonArray(new JsonObject
        {
            ["name"] = "budget",
            ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject { ["name"] = "service", ["type"] = 3, ["value"] = "checkout" }),
        }),
    };

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
            "--Logging:LogLevel:Default=Warning",
        ]);

    public void Dispose() => _fleet.Dispose();
}
