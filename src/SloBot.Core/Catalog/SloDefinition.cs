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
    /// <summary>A query with no PromQL at all: the SLI lives only in the embedded store.</summary>
    public static SliQuery EmbeddedOnly { get; } = new(SliQueryKind.Counter, null, null, "");
}

public enum SliQueryKind
{
    /// <summary>Counter expressions (OpenSLO <c>counter: true</c>, queries without <c>{{.window}}</c>): SloBot applies <c>increase(…[window])</c>.</summary>
    Counter,

    /// <summary>Sloth-style expressions that contain <c>{{.window}}</c>, substituted with the window asked for.</summary>
    WindowTemplate,
}

/// <summary>One SLO: a target over a rolling window, counted by an indicator.</summary>
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
}
