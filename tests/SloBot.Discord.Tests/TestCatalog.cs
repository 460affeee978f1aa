using SloBot.Core.Catalog;
using SloBot.Core.Sli;

namespace SloBot.Discord.Tests;

/// <summary>Two services; payment/availability targets 99.9 % over 30 days.</summary>
internal static class TestCatalog
{
    public static InMemorySloCatalog Instance { get; } = new(
    [
        new ServiceDefinition("payment", [new SloDefinition("payment", "availability", 0.999, TimeSpan.FromDays(30), SliQuery.EmbeddedOnly)]),
        new ServiceDefinition("checkout", [new SloDefinition("checkout", "latency", 0.99, TimeSpan.FromDays(30), SliQuery.EmbeddedOnly)]),
    ]);
}

/// <summary>1,000 events an hour of which 0.05 % are bad, in every window: half of a 99.9 % budget consumed.</summary>
internal sealed class SteadySliSource : ISliSource
{
    public Task<SliCounts> CountAsync(IReadOnlyList<SloDefinition> slos, IReadOnlyList<TimeSpan> windows, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var counts = new SliCounts();
        foreach (var slo in slos)
        {
            foreach (var window in windows)
            {
                var total = 1000 * window.TotalHours;
                counts.Set(slo.Id, window, new EventCounts(total * 0.9995, total));
            }
        }

        return Task.FromResult(counts);
    }

    public Task<IReadOnlyList<EventBucket>> SeriesAsync(SloDefinition slo, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<EventBucket>>([]);
}
