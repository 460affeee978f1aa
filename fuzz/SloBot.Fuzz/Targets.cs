using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SloBot.Chat.Commands;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using SloBot.Discord.Delivery;
using SloBot.Discord.Http;
using SloBot.Discord.Inbound;
using SloBot.Discord.Rendering;
using SloBot.Slack.Configuration;
using SloBot.Slack.Http;
using SloBot.Slack.Inbound;
using SloBot.Sli.Embedded;
using SloBot.Sli.Prometheus;

namespace SloBot.Fuzz;

/// <summary>
/// One fuzz target per parser that reads what an outsider (or a careless user) controls. Each takes raw bytes and
/// throws only on a bug: expected refusals (a problem value, a bad-JSON refusal, an SLI-source failure) are swallowed.
/// </summary>
internal static class Targets
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyDictionary<string, Action<byte[]>> All = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["command"] = Command,
        ["catalog"] = Catalog,
        ["slack"] = Slack,
        ["discord"] = Discord,
        ["csv"] = Csv,
        ["prometheus"] = Prometheus,
    };

    private static string Text(byte[] data) => Encoding.UTF8.GetString(data);

    /// <summary>The "/slo …" text every platform hands to the chat layer.</summary>
    private static void Command(byte[] data)
    {
        var words = CommandArgs.Tokenize(CommandRouter.StripPrefix(Text(data)));
        _ = CommandArgs.Parse(words);
    }

    /// <summary>A catalog file, as OpenSLO (first byte even) or as a Sloth file: every failure must be a problem value.</summary>
    private static void Catalog(byte[] data)
    {
        var name = data.Length > 0 && data[0] % 2 == 1 ? "fuzz.sloth.yaml" : "fuzz.yaml";
        _ = CatalogReader.Read(name, Text(data));
    }


    /// <summary>First byte picks: a slash-command form, an interactive payload, an Events API callback, or a signature check.</summary>
    private static void Slack(byte[] data)
    {
        if (data.Length == 0)
            return;
        var body = data.AsSpan(1);
        switch (data[0] % 4)
        {
            case 0:
                var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
                _ = SlackPayloads.FromSlashCommand(form.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal), Now);
                break;
            case 1:
                var payload = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)).TryGetValue("payload", out var p) ? p.ToString() : Encoding.UTF8.GetString(body);
                if (Json(payload) is { } interaction)
                    _ = SlackPayloads.FromInteraction(interaction, Now);
                break;
            case 2:
                if (Json(Encoding.UTF8.GetString(body)) is { } callback)
                    _ = SlackPayloads.FromEventCallback(callback, Now);
                break;
            default:
                var (timestamp, signature, rest) = Lines(body);
                _ = State.SlackSigner.Check(timestamp, signature, rest);
                break;
        }
    }


    /// <summary>First byte even: an interaction object (commands, buttons, modals, autocomplete); odd: a signature check.</summary>
    private static void Discord(byte[] data)
    {
        if (data.Length == 0)
            return;
        var body = data.AsSpan(1);
        if (data[0] % 2 == 1)
        {
            var (timestamp, signature, rest) = Lines(body);
            _ = State.DiscordVerifier.Verify(signature, timestamp, rest);
            return;
        }

        // As the HTTP endpoint and the Gateway socket read it: refusals (400 / an ignored frame) are values.
        if (InteractionParser.Read(body, out _) is { } interaction)
        {
            _ = State.DiscordParser.Parse(interaction, State.Specs, Now);
            _ = SloBot.Discord.Commands.CommandText.Focused(interaction["data"], State.DiscordParser.Layout(State.Specs));
            _ = InteractionParser.Where(interaction);
            _ = SloBot.Discord.Gateway.GatewayBot.Read(interaction); // GET /gateway/bot's answer: any shape reads without throwing
        }
    }

    /// <summary><c>slobot events import</c>'s CSV.</summary>
    private static void Csv(byte[] data)
    {
        using var reader = new StringReader(Text(data));
        _ = EventCsv.Parse(reader);
    }

    /// <summary>A Prometheus answer to an instant and to a range query: anything wrong is an SLI-source failure.</summary>
    private static void Prometheus(byte[] data)
    {
        using var http = new HttpClient(new Answer(data));
        var api = new PrometheusApi(http, new PrometheusOptions { Url = "http://prometheus.invalid:9090/" }, TimeProvider.System, NullLogger.Instance);
        foreach (var range in new[] { false, true })
        {
            try
            {
                if (range)
                    _ = api.QueryRangeAsync("up", Now.AddHours(-1), Now, TimeSpan.FromMinutes(1), CancellationToken.None).GetAwaiter().GetResult();
                else
                    _ = api.QueryAsync("up", Now, CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (SliSourceException)
            {
                // the documented failure: a message naming Prometheus and what was wrong
            }
        }
    }

    private static JsonElement? Json(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>"timestamp\nsignature\nbody" — the parts of a signed request.</summary>
    private static (string? Timestamp, string? Signature, byte[] Body) Lines(ReadOnlySpan<byte> data)
    {
        var first = data.IndexOf((byte)'\n');
        if (first < 0)
            return (Encoding.UTF8.GetString(data), null, []);
        var rest = data[(first + 1)..];
        var second = rest.IndexOf((byte)'\n');
        return second < 0
            ? (Encoding.UTF8.GetString(data[..first]), Encoding.UTF8.GetString(rest), [])
            : (Encoding.UTF8.GetString(data[..first]), Encoding.UTF8.GetString(rest[..second]), rest[(second + 1)..].ToArray());
    }

    /// <summary>
    /// Objects of instrumented assemblies, created on first use: SharpFuzz's instrumentation may run only after
    /// <c>Fuzzer.Run</c> has set up the coverage map, so nothing of SloBot's may run in a static constructor of <see cref="Targets"/>.
    /// </summary>
    private static class State
    {
        public static readonly SlackSignature SlackSigner = new(
            Options.Create(new SlackOptions { SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5" }),
            new FixedTime(Now));

        public static readonly SignatureVerifier DiscordVerifier = new("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", new FixedTime(Now));

        public static readonly CommandSpec[] Specs =
        [
            new("budget", "Budget", [new CommandOption("service", "The service", OptionKind.Service, Required: true, Positional: true), new CommandOption("slo", "SLO", Positional: true)], []),
            new("retro start", "Start", [new CommandOption("incident", "Incident", Required: true, Positional: true), new CommandOption("dry", "Dry", OptionKind.Boolean)], []),
            new("release", "Release", [new CommandOption("service", "The service", OptionKind.Service, Required: true, Positional: true), new CommandOption("lines", "Lines", OptionKind.Integer)], []),
        ];

        public static readonly InteractionParser DiscordParser = new(new ButtonIds());
    }

    private sealed class Answer(byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) });
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
