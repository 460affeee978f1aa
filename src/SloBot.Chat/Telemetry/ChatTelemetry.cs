using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SloBot.Chat.Telemetry;

/// <summary>
/// SloBot's own instruments (<c>System.Diagnostics.Metrics</c>, no exporter here): the host exports every meter named
/// <c>SloBot.*</c> on <c>/metrics</c> and, when configured, over OTLP. Names follow OpenTelemetry's conventions (dots,
/// units in seconds); Prometheus sees them as <c>slobot_commands_total</c>, <c>slobot_command_duration_seconds</c> …
/// Tag values come from fixed sets (command names of the registered specs, outcomes, platforms), never user text.
/// </summary>
public static class ChatTelemetry
{
    public const string MeterName = "SloBot.Chat";

    /// <summary>Spans of chat events (<c>chat command</c>, <c>chat button</c> …), exported over OTLP when configured.</summary>
    public static readonly ActivitySource Source = new("SloBot.Chat");

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Bucket bounds for durations in seconds (OpenTelemetry's defaults suit milliseconds).</summary>
    public static readonly IReadOnlyList<double> SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    /// <summary>Chat events handled, by <c>command</c> (a registered command's name, or button, form, thread, unknown) and <c>outcome</c>.</summary>
    public static readonly Counter<long> Commands = Meter.CreateCounter<long>("slobot.commands", "{command}", "Chat events handled, by command and outcome");

    /// <summary>From the event reaching the chat layer to its answer handed to the transport.</summary>
    public static readonly Histogram<double> CommandDuration = Meter.CreateHistogram<double>("slobot.command.duration", "s", "Time to answer a chat event, by command", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    /// <summary>Items waiting in the outbox or being delivered (all lanes).</summary>
    public static readonly UpDownCounter<long> OutboxDepth = Meter.CreateUpDownCounter<long>("slobot.outbox.depth", "{message}", "Messages waiting in the outbox or being delivered");

    /// <summary>Deliveries tried again, by <c>reason</c>: <c>rate_limited</c> (the platform said when) or <c>transient</c> (backoff).</summary>
    public static readonly Counter<long> OutboxRetries = Meter.CreateCounter<long>("slobot.outbox.retries", "{retry}", "Deliveries tried again after a transient failure or a rate limit");

    /// <summary>Recorded deliveries given up after the outbox's last attempt (or refused outright), by <c>platform</c>.</summary>
    public static readonly Counter<long> OutboxFailed = Meter.CreateCounter<long>("slobot.outbox.failed", "{message}", "Deliveries recorded as failed, by platform");

    /// <summary>Recorded deliveries a recovery pass delivered (their process died or their retry came due), by <c>platform</c>.</summary>
    public static readonly Counter<long> OutboxRecovered = Meter.CreateCounter<long>("slobot.outbox.recovered", "{message}", "Deliveries delivered by a recovery pass, by platform");

    /// <summary>Recorded inbound work (commands, clicks, thread answers) a recovery pass ran again after its process died, by <c>platform</c>.</summary>
    public static readonly Counter<long> InboxRecovered = Meter.CreateCounter<long>("slobot.inbox.recovered", "{event}", "Inbound events run again by a recovery pass, by platform");

    /// <summary>Time spent waiting for a platform's rate limit, by <c>source</c>: <c>retry_after</c> (a 429 said how long) or <c>bucket</c> (Discord's bucket headers said to wait first).</summary>
    public static readonly Histogram<double> RateLimitWaits = Meter.CreateHistogram<double>("slobot.ratelimit.wait", "s", "Waits for a platform's rate limit, by source", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    /// <summary>Conversations entering a state, by flow <c>kind</c> and <c>state</c> (started, a step's state, finished, abandoned).</summary>
    public static readonly Counter<long> ConversationTransitions = Meter.CreateCounter<long>("slobot.conversation.transitions", "{transition}", "Conversations entering a state, by flow and state");

    /// <summary>Scheduled posts and alerts run, by <c>job</c> and <c>status</c>.</summary>
    public static readonly Counter<long> ScheduledRuns = Meter.CreateCounter<long>("slobot.schedule.runs", "{run}", "Scheduled posts run, by job and status");

    /// <summary>The outcome tag of an exit code (0 answered, 1 source failed, 2 bad command; a command's own codes are answers).</summary>
    public static string Outcome(int exitCode) => exitCode switch
    {
        1 => "source_failed",
        2 => "bad_command",
        _ => "answered",
    };
}
