using System.Diagnostics;
using System.Diagnostics.Metrics;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using Microsoft.Extensions.DependencyInjection;

namespace SloBot.Sli;

/// <summary>
/// The SLI source as the bot uses it, measured: <c>slobot.sli.duration</c> (seconds, by <c>source</c>, <c>operation</c>
/// and <c>outcome</c>) and <c>slobot.sli.failures</c> (requests that failed, and SLOs the source could not count).
/// Everything else passes through unchanged.
/// </summary>
internal sealed class MeasuredSliSource(ISliSource inner, string source, TimeProvider time) : ISliSource
{
    public const string MeterName = "SloBot.Sli";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("slobot.sli.duration", "s", "Time the SLI source took to answer, by source, operation and outcome", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
    private static readonly Counter<long> Failures = Meter.CreateCounter<long>("slobot.sli.failures", "{failure}", "SLI source requests that failed (kind=request) and SLOs it could not count (kind=slo)");

    public Task<SliCounts> CountAsync(IReadOnlyList<SloDefinition> slos, IReadOnlyList<TimeSpan> windows, DateTimeOffset end, CancellationToken cancellationToken) =>
        MeasureAsync("count", () => inner.CountAsync(slos, windows, end, cancellationToken), CountFailures);

    public Task<SliCounts> CountForBudgetsAsync(IReadOnlyList<SloDefinition> slos, IReadOnlyList<TimeSpan> windows, DateTimeOffset end, CancellationToken cancellationToken) =>
        MeasureAsync("count", () => inner.CountForBudgetsAsync(slos, windows, end, cancellationToken), CountFailures);

    public Task<IReadOnlyList<EventBucket>> SeriesAsync(SloDefinition slo, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken) =>
        MeasureAsync("series", () => inner.SeriesAsync(slo, start, end, step, cancellationToken), _ => 0);

    public Task<IReadOnlyDictionary<SloId, IReadOnlyList<EventBucket>>> HistoriesAsync(IReadOnlyList<SloDefinition> slos, DateTimeOffset end, CancellationToken cancellationToken) =>
        MeasureAsync("history", () => inner.HistoriesAsync(slos, end, cancellationToken), _ => 0);

    private static int CountFailures(SliCounts counts) => counts.Failures.Count;

    private async Task<T> MeasureAsync<T>(string operation, Func<Task<T>> call, Func<T, int> uncounted)
    {
        var started = time.GetTimestamp();
        var outcome = "failed";
        try
        {
            var result = await call().ConfigureAwait(false);
            var failed = uncounted(result);
            if (failed > 0)
                Failures.Add(failed, new TagList { { "source", source }, { "kind", "slo" } });
            outcome = "ok";
            return result;
        }
        catch (OperationCanceledException)
        {
            outcome = "cancelled";
            throw;
        }
        catch (Exception)
        {
            Failures.Add(1, new TagList { { "source", source }, { "kind", "request" } });
            throw;
        }
        finally
        {
            Duration.Record(time.GetElapsedTime(started).TotalSeconds, new TagList { { "source", source }, { "operation", operation }, { "outcome", outcome } });
        }
    }
}

public static class MeasuredSliSourceExtensions
{
    /// <summary>Wraps the registered <see cref="ISliSource"/> (register it first) so every call is measured as <paramref name="source"/>.</summary>
    public static IServiceCollection MeasureSliSource(this IServiceCollection services, string source)
    {
        var registered = services.Last(d => d.ServiceType == typeof(ISliSource));
        services.Remove(registered);
        services.AddSingleton<ISliSource>(sp => new MeasuredSliSource(Inner(sp, registered), source, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }

    private static ISliSource Inner(IServiceProvider sp, ServiceDescriptor d) =>
        d.ImplementationInstance as ISliSource
        ?? (d.ImplementationFactory is { } factory ? (ISliSource)factory(sp) : (ISliSource)ActivatorUtilities.CreateInstance(sp, d.ImplementationType!));
}
