using SloBot.Core.Catalog;

namespace SloBot.Sli.Embedded;

/// <summary>Good and total events of one SLO in the minute that starts at <see cref="Minute"/> (UTC).</summary>
public readonly record struct MinuteCounts(SloId Slo, DateTimeOffset Minute, double Good, double Total);
