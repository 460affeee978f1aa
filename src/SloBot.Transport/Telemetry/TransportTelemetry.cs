using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SloBot.Transport.Telemetry;

/// <summary>
/// What every chat transport measures of its connection to the platform (exported by the host with the other
/// <c>SloBot.*</c> meters): how fast events are acknowledged, and how often connections are re-made.
/// </summary>
public static class TransportTelemetry
{
    public const string MeterName = "SloBot.Transport";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>
    /// From an event's arrival to its acknowledgement leaving (Socket Mode ack frame, Slack HTTP 200, Discord initial
    /// response), by <c>platform</c> and <c>mode</c> (socket, http, gateway). The platforms' deadline is 3 seconds.
    /// </summary>
    public static readonly Histogram<double> AckDuration = Meter.CreateHistogram<double>(
        "slobot.ack.duration", "s", "Time from an event's arrival to its acknowledgement, by platform and mode",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 3, 5] });

    /// <summary>Connections re-made, by <c>platform</c> and <c>kind</c>: <c>reconnect</c> (new session), <c>resume</c> (Discord), <c>refresh</c> (Slack asked).</summary>
    public static readonly Counter<long> Reconnects = Meter.CreateCounter<long>("slobot.reconnects", "{reconnect}", "Connections to a platform re-made, by platform and kind");

    public static void RecordAck(string platform, string mode, TimeSpan elapsed) =>
        AckDuration.Record(elapsed.TotalSeconds, new TagList { { "platform", platform }, { "mode", mode } });

    public static void Reconnected(string platform, string kind) =>
        Reconnects.Add(1, new TagList { { "platform", platform }, { "kind", kind } });
}
