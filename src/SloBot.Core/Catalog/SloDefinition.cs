namespace SloBot.Core.Catalog;

/// <summary>Identifies one SLO of one service, "payment/availability".</summary>
public readonly record struct SloId(string Service, string Slo)
{
    public override string ToString() => $"{Service}/{Slo}";
}

/// <summary>How an SLI's events are counted. Queries are PromQL; the embedded store ignores them.</summary>
/// <param name="Kind">Whether the expressions are counters or Sloth-style window templates.</param>
/// <param name="Good">Good-events expression (exactly one of <paramref name="Good"/> and <paramref name="Bad"/>).</param>
/// <param name="Bad">Bad-events expression.</param>
/// <param name="Total">Total-events expression.</param>
public sealed record SliQuery(SliQueryKind Kind, string? Good, string? Bad, string Total)
{
    /// <summary>
    /// True when the SLI is a ratio with no event counts (Sloth <c>sli.raw</c>, OpenSLO <c>ratioMetric.raw</c>): bad is the
    /// ratio, total is 1 wherever the ratio has data, so the counts are not requests.
    /// </summary>
    public bool RatioOnly { get; init; }

    /// <summary>For a latency SLI over a classic histogram: the histogram and the threshold (its <c>le</c> bucket).</summary>
    public LatencyThreshold? Latency { get; init; }

    /// <summary>A query with no PromQL at all: the SLI lives only in the embedded store.</summary>
    public static SliQuery EmbeddedOnly { get; } = new(SliQueryKind.Counter, null, null, "");
}

public enum SliQueryKind
{
    /// <summary>Counter expressions (OpenSLO <c>counter: true</c>, queries without <c>{{.window}}</c>): SloBot applies <c>increase(…[window])</c>.</summary>
    Counter,

    /// <summary>Sloth-style expressions that contain <c>{{.window}}</c>, substituted with the window asked for.</summary>
    WindowTemplate,

    /// <summary>A gauge (a precomputed ratio): every selector becomes <c>avg_over_time(…[window])</c>.</summary>
    Gauge,
}

/// <summary>A latency objective: events at or under <see cref="Seconds"/> in the classic histogram <see cref="Bucket"/> are good.</summary>
/// <param name="Bucket">The histogram's <c>_bucket</c> series selector without <c>le</c>, e.g. <c>http_request_duration_seconds_bucket{job="api"}</c>.</param>
/// <param name="Seconds">The threshold, in the histogram's unit (a bucket boundary).</param>
/// <param name="Op">The objective's operator, <c>lt</c> or <c>lte</c>.</param>
public sealed record LatencyThreshold(string Bucket, double Seconds, string Op);

/// <summary>
/// One SLO: a target over a window, counted by an indicator. <see cref="Window"/> is the rolling window, or for a
/// calendar SLO (<see cref="Calendar"/>) the length of its nominal period (used only where a length is needed).
/// </summary>
public sealed record SloDefinition(
    string Service,
    string Name,
    double Target,
    TimeSpan Window,
    SliQuery Indicator,
    string? Description = null,
    string? SourceFile = null)
{
    public SloId Id => new(Service, Name);

    /// <summary>Allowed error ratio, 1 − target.</summary>
    public double ErrorBudgetRatio => 1 - Target;

    /// <summary>A calendar-aligned window (a month from its first day in its zone), or null for a rolling window.</summary>
    public CalendarWindow? Calendar { get; init; }

    /// <summary>Time-slice budgeting, or null for Occurrences (good ÷ total events).</summary>
    public TimeSliceBudget? TimeSlices { get; init; }

    /// <summary>The SLO's own labels (Sloth <c>labels</c>), put on every series of the rules SloBot writes.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>Sloth's <c>alerting</c> section (name, labels, annotations, page/ticket alerts), for <c>slobot rules</c>; null for OpenSLO.</summary>
    public SlothAlerting? Alerting { get; init; }

    /// <summary>The line of the catalog file where the SLO is declared.</summary>
    public int? SourceLine { get; init; }

    /// <summary>The budgeting period that contains <paramref name="now"/>: rolling (now − window, now) or the calendar period.</summary>
    public BudgetPeriod PeriodAt(DateTimeOffset now) => Calendar is { } c
        ? c.PeriodAt(now)
        : new BudgetPeriod(now - Window, now, null);

    /// <summary>The window a budget at <paramref name="now"/> counts: <see cref="Window"/>, or the calendar period so far.</summary>
    public TimeSpan CountWindowAt(DateTimeOffset now) => Calendar is null ? Window : PeriodAt(now).CountWindow;
}
