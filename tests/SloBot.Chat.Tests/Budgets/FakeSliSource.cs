using SloBot.Core.Catalog;
using SloBot.Core.Sli;

namespace SloBot.Chat.Tests.Budgets;

/// <summary>Counts given per SLO and window; everything else has no events. Can be told to fail.</summary>
internal sealed class FakeSliSource : ISliSource
{
    private readonly Dictionary<(SloId, TimeSpan), EventCounts> _counts = [];

    public int Calls { get; private set; }

    public Exception? Failure { get; set; }

    public FakeSliSource With(SloId slo, TimeSpan window, double good, double total)
    {
        _counts[(slo, window)] = new EventCounts(good, total);
        return this;
    }

    public Task<SliCounts> CountAsync(IReadOnlyList<SloDefinition> slos, IReadOnlyList<TimeSpan> windows, DateTimeOffset end, CancellationToken cancellationToken)
    {
        Calls++;
        if (Failure is not null)
            throw Failure;
        var result = new SliCounts();
        foreach (var slo in slos)
        {
            foreach (var w in windows)
                result.Set(slo.Id, w, _counts.GetValueOrDefault((slo.Id, w)));
        }

        return Task.FromResult(result);
    }

    public Task<IReadOnlyList<EventBucket>> SeriesAsync(SloDefinition slo, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<EventBucket>>([]);
}
