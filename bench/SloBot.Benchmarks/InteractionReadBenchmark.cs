using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using SloBot.Discord.Inbound;

namespace SloBot.Benchmarks;

/// <summary>
/// The JSON work before a Discord deferral: a Gateway INTERACTION_CREATE frame as Discord sends it (the shape of the
/// emulator's) read by <see cref="InteractionParser.Read"/>, the fields the router and the inbox need, and the inbox
/// payload written. 7 December: 7.0–7.2 µs and 18 KB per interaction — a small part of the ~100–160 µs of SloBot's CPU per
/// interaction in <c>discord-load</c>; a lazy tree (names decoded only where escaped, duplicates refused by the parser)
/// measured 7.4 µs and 16 KB and was not kept.
/// </summary>
[MemoryDiagnoser]
public class InteractionReadBenchmark
{
    private static readonly byte[] Frame = Encoding.UTF8.GetBytes("""
        {"op":0,"s":42,"t":"INTERACTION_CREATE","d":{"id":"1700000000000000042","application_id":"1400000000000000001","type":2,
        "data":{"id":"1600000000000000001","name":"slo","type":1,"guild_id":"1300000000000000001","options":[{"name":"budget","type":1,
        "options":[{"name":"service","type":3,"value":"payment"}]}]},"guild_id":"1300000000000000001","channel_id":"1200000000000000001",
        "channel":{"id":"1200000000000000001","type":0,"guild_id":"1300000000000000001","name":"sre","parent_id":null},
        "member":{"user":{"id":"1500000000000000001","username":"ada","global_name":"Ada","discriminator":"0","avatar":null},
        "roles":[],"nick":null,"permissions":"2248473465835073","joined_at":"2024-01-01T00:00:00.000000+00:00"},
        "token":"aW50ZXJhY3Rpb246MTcwMDAwMDAwMDAwMDAwMDA0Mjplbm11bGF0ZWQ","version":1,"app_permissions":"2248473465835073",
        "locale":"en-GB","guild_locale":"en-US","entitlements":[],"authorizing_integration_owners":{"0":"1300000000000000001"},
        "context":0,"attachment_size_limit":10485760}}
        """);

    private readonly byte[] _frame = Frame; // benchmarks are instance methods

    [Benchmark]
    public string ReadAndRecord() => AckPath(InteractionParser.Read(_frame, out _)!);

    private static string AckPath(JsonObject payload)
    {
        var interaction = (JsonObject)payload["d"]!;
        var id = InteractionParser.Str(interaction["id"])!;
        var token = InteractionParser.Str(interaction["token"])!;
        var application = InteractionParser.Str(interaction["application_id"])!;
        _ = InteractionParser.Where(interaction);
        _ = InteractionParser.User(interaction);
        return DiscordInboxPayload.Write(id, token, application, interaction);
    }
}
