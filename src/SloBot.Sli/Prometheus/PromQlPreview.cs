using SloBot.Core.Catalog;
using SloBot.Sli.Prometheus.PromQl;

namespace SloBot.Sli.Prometheus;

/// <summary>The PromQL SloBot sends for an SLI over one window (before batching), for the catalog check.</summary>
public static class PromQlPreview
{
    public static (string? Good, string? Bad, string Total) ForWindow(SliQuery query, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? W(string? q) => q is null ? null : CounterWindowing.ForWindow(q, query.Kind, window);
        return (W(query.Good), W(query.Bad), W(query.Total)!);
    }
}
