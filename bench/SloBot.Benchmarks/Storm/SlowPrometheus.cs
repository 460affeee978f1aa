using System.Globalization;
using SloBot.Discord.Tests.Emulator;
using SloBot.IntegrationTests.Prometheus;
using SloBot.Slack.Tests.Emulator;

namespace SloBot.Benchmarks.Storm;

/// <summary>
/// e. A real Prometheus (3 days of per-minute traffic for <c>payment</c>, ending now) behind a proxy that holds every
/// query <c>--prom-delay</c> (10 s): one SloBot process on Slack and Discord at once, a catalog of that one SLO,
/// <c>SloBot:Sli:Source=Prometheus</c> pointed at the proxy. Measures whether the platform's acknowledgement comes in
/// time and what the user sees before the answer (a "still working" update, if SloBot sends one).
/// </summary>
internal static class SlowPrometheus
{
    private const string Catalog = """
        apiVersion: openslo/v1
        kind: SLO
        metadata: {name: availability}
        spec:
          service: payment
          timeWindow: [{duration: 30d, isRolling: true}]
          indicator:
            spec:
              ratioMetric:
                counter: true
                good: {metricSource: {spec: {query: 'sum(http_requests_total{service="payment",code!~"5.."})'}}}
                total: {metricSource: {spec: {query: 'sum(http_requests_total{service="payment"})'}}}
          objectives: [{target: 0.999}]
        """;

    public static async Task<IReadOnlyList<StormResult>> RunAsync(StormOptions o, string dir)
    {
        var now = TimeProvider.System.GetUtcNow();
        var end = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero) - TimeSpan.FromMinutes(5);
        var traffic = new SyntheticTraffic(end, TimeSpan.FromDays(3), TimeSpan.FromMinutes(1)).AddService("payment", 1000, 0.0002);
        await using var prometheus = await PrometheusServer.StartAsync(traffic.WriteOpenMetrics);
        await using var proxy = await DelayingProxy.StartAsync(prometheus.Url, o.PrometheusDelay);
        await using var slack = await SlackEmulator.StartAsync();
        await using var discord = await DiscordEmulator.StartAsync();
        var catalog = Directory.CreateDirectory(Path.Combine(dir, "catalog")).FullName;
        await File.WriteAllTextAsync(Path.Combine(catalog, "payment.yaml"), Catalog);
        var settings = DiscordStorms.Settings(discord);
        settings["SloBot:Slack:AppToken"] = SlackEmulator.AppToken;
        settings["SloBot:Slack:BotToken"] = SlackEmulator.BotToken;
        settings["SloBot:Slack:ApiBaseUrl"] = slack.ApiBaseUrl;
        settings["SloBot:Catalog:Path"] = catalog;
        settings["SloBot:Sli:Source"] = "Prometheus";
        settings["SloBot:Sli:Prometheus:Url"] = proxy.Url.ToString();
        settings["SloBot:Storage:ConnectionString"] = $"Data Source={Path.Combine(dir, "slobot.db")}";
        using var bot = BotProcess.Start("slobot", settings, dir, demo: false);
        await SlackEmulator.WaitUntilAsync(() => slack.OpenSockets.Count == 1, "SloBot's socket", TimeSpan.FromSeconds(90));
        await DiscordStorms.WaitAsync(() => discord.Gateway.IsLive, "SloBot on the Gateway");

        var slackRun = new SlackRun(slack, "C");
        var discordRun = new DiscordRun(discord);
        for (var i = 0; i < o.SlowCommands; i++)
        {
            await slackRun.SendAsync();
            await discordRun.SendAsync();
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        await Task.WhenAll(slackRun.SettleAsync(TimeSpan.FromMinutes(3)), discordRun.SettleAsync(TimeSpan.FromMinutes(3)));

        // What reached the user before the answer: any message on the response_url or in the channel other than the last.
        var slackMessages = slackRun.Answers().GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.Count());
        var notices = slackRun.Notices().GroupBy(n => n.Id).Select(g => (g.Min(n => n.At) - slackRun.Sent[g.Key]).TotalMilliseconds).Order().ToArray();
        var noticeText = notices.Length == 0
            ? "no \"still working\" notice"
            : string.Create(CultureInfo.InvariantCulture, $"{notices.Length} of {slackRun.Sent.Count} got the private \"still working\" notice first, {notices[0] / 1000:0.0}–{notices[^1] / 1000:0.0} s after sending");
        var acks = slackRun.AckLatencies();
        var initial = discordRun.InitialResponses().GroupBy(a => a.Id).Select(g => (g.Min(a => a.At) - discordRun.Sent[g.Key]).TotalMilliseconds).Order().ToArray();
        var types = discord.Requests.Where(r => r.Path.EndsWith("/callback", StringComparison.Ordinal) && r.Status is >= 200 and < 300)
            .Select(r => r.Body?["type"]?.ToString() ?? "?").Distinct();
        var slackResult = StormResult.From(
            $"e. Prometheus slowed to {o.PrometheusDelay.TotalSeconds:0} s (Slack)",
            slackRun.Sent,
            slackRun.Answers(),
            string.Create(CultureInfo.InvariantCulture, $"ack p99 {P99(acks):0} ms (deadline 3 s), {acks.Length} of {slackRun.Sent.Count} acked; {noticeText}; {(slackMessages.Values.Any(v => v > 1) ? "some commands got more than one answer" : "one answer per command")}; {proxy.Requests} Prometheus queries, each held {o.PrometheusDelay.TotalSeconds:0} s; answer: \"{slackRun.SampleAnswer()}…\""));
        var discordResult = StormResult.From(
            $"e. Prometheus slowed to {o.PrometheusDelay.TotalSeconds:0} s (Discord)",
            discordRun.Sent,
            discordRun.Answers(),
            string.Create(CultureInfo.InvariantCulture, $"initial response p99 {P99(initial):0} ms (deadline 3 s), type {string.Join("/", types)} (5 = deferred: Discord shows \"SloBot is thinking…\"); answer by editing it (deadline 15 min)"));
        return [slackResult, discordResult];
    }

    private static double P99(double[] sorted) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(0.99 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
