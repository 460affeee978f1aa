using SloBot.Core.Budgets;

namespace SloBot.Core.Catalog;

/// <summary>The words the catalog check, <c>/slo catalog</c> and <c>--json</c> use for an SLO's shape.</summary>
public static class SloDescription
{
    /// <summary><c>rolling</c> or <c>calendar</c>.</summary>
    public static string WindowKind(this SloDefinition slo) => slo.Calendar is null ? "rolling" : "calendar";

    /// <summary>"30d", or a calendar window's shorthand ("1M").</summary>
    public static string WindowText(this SloDefinition slo) => slo.Calendar is { } c ? c.Shorthand : SloWindow.Format(slo.Window);

    /// <summary><c>Occurrences</c>, <c>Timeslices</c> or <c>RatioTimeslices</c>.</summary>
    public static string BudgetingMethod(this SloDefinition slo) => slo.TimeSlices?.Method ?? "Occurrences";

    /// <summary><c>events</c> (good/bad and total), <c>latency</c> (histogram threshold), <c>ratio</c> (no event counts) or <c>embedded</c>.</summary>
    public static string SliKind(this SloDefinition slo) => slo.Indicator switch
    {
        { Latency: not null } => "latency",
        { RatioOnly: true } => "ratio",
        { Total.Length: 0 } => "embedded",
        _ => "events",
    };

    /// <summary>The severity as written in <c>--json</c>: <c>error</c>, <c>warning</c>, <c>note</c>.</summary>
    public static string Word(this CatalogSeverity severity) => severity.ToString().ToLowerInvariant();
}
