using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SloBot.Sli.Embedded;

namespace SloBot.Demo;

/// <summary>
/// Keeps 31 days of demo history ending now in the embedded store. The incidents are placed relative to the
/// start of the current UTC day (the anchor): within a day, runs only add the minutes since the last one; a new
/// day regenerates the history once. As a service it adds each new minute, so the demo budgets stay live.
/// </summary>
internal sealed partial class DemoSeeder(EmbeddedSliStore store, TimeProvider time, ILogger<DemoSeeder> logger) : BackgroundService
{
    private const string AnchorKey = "demo.anchor";
    private const string FilledKey = "demo.filledUntil";
    private DateTimeOffset _anchor;
    private DateTimeOffset _filledUntil;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        _anchor = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var anchorText = _anchor.ToString("O", CultureInfo.InvariantCulture);
        var sameAnchor = await store.GetMetaAsync(AnchorKey, cancellationToken).ConfigureAwait(false) == anchorText;
        var filled = await store.GetMetaAsync(FilledKey, cancellationToken).ConfigureAwait(false);
        _filledUntil = sameAnchor && filled is not null
            ? DateTimeOffset.Parse(filled, CultureInfo.InvariantCulture)
            : Minute(now) - TimeSpan.FromDays(31);
        await FillAsync(Minute(now), cancellationToken).ConfigureAwait(false);
        await store.SetMetaAsync(AnchorKey, anchorText, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    if (time.GetUtcNow().UtcDateTime.Date != _anchor.UtcDateTime)
                        await SeedAsync(stoppingToken).ConfigureAwait(false); // a new day: a new anchor
                    else
                        await FillAsync(Minute(time.GetUtcNow()), stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFillFailed(logger, ex.Message); // the next minute tries again
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "The demo could not add its latest minutes ({Reason}); it tries again in a minute")]
    private static partial void LogFillFailed(ILogger logger, string reason);

    private async Task FillAsync(DateTimeOffset end, CancellationToken cancellationToken)
    {
        if (end <= _filledUntil)
            return;
        var traffic = new DemoTraffic(_anchor);
        var from = _filledUntil;
        var minutes = DemoCatalog.Services.SelectMany(s => s.Slos).SelectMany(slo => traffic.Minutes(slo.Id, from, end));
        await store.WriteAsync(minutes, add: false, cancellationToken).ConfigureAwait(false);
        _filledUntil = end;
        await store.SetMetaAsync(FilledKey, end.ToString("O", CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
    }

    private static DateTimeOffset Minute(DateTimeOffset t) => DateTimeOffset.FromUnixTimeSeconds(t.ToUnixTimeSeconds() / 60 * 60);
}
