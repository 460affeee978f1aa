using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SloBot.Chat.Budgets;
using SloBot.Chat.Conversations;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Chat.Schedules;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Design;
using SloBot.Core.Sli;

namespace SloBot.Chat.Alerts;

/// <summary>
/// Checks every SLO's multi-window burn rates each <see cref="AlertOptions.Interval"/> (one batched source call for
/// all of them) and posts to <see cref="AlertOptions.Channel"/> when an SLO starts paging, drops to a ticket, or
/// recovers. Changes go through <see cref="IAlertStateStore"/>'s compare-and-swap, so each is posted once, also with
/// several replicas; with storage the states survive restarts.
/// </summary>
internal sealed partial class BurnRateAlerter(
    IOptions<AlertOptions> options,
    ISloCatalog catalog,
    ISliSource source,
    IAlertStateStore states,
    ThreadPosts posts,
    TimeProvider time,
    ILogger<BurnRateAlerter> logger) : BackgroundService
{
    private AlertOptions Options => options.Value; // read after start-up validation

    /// <summary>Fires after each round (tests wait for it instead of sleeping).</summary>
    public event Action<DateTimeOffset>? RoundCompleted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(Options.Channel))
            return;
        var platform = ScheduledPost.ParseChannel(Options.Channel)!.Value.Platform;
        if (posts.TransportFor(platform) is null)
        {
            LogNoTransport(logger, Options.Channel, platform); // once, not at every change
            return;
        }

        using var timer = new PeriodicTimer(Options.Interval, time);
        try
        {
            do
            {
                try
                {
                    await CheckAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogCheckFailed(logger, ex.Message);
                }

                RoundCompleted?.Invoke(time.GetUtcNow());
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <summary>One round: evaluate every SLO, post each change of state.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var slos = catalog.Services.SelectMany(s => s.Slos).ToArray();
        if (slos.Length == 0)
            return;
        var now = time.GetUtcNow();
        var windows = BudgetMath.WindowsFor(slos, now);
        var counts = await source.CountAsync(slos, windows, now, cancellationToken).ConfigureAwait(false);
        BudgetMath.FailImpossible(slos, counts, now); // Inf or NaN never pages nor resolves
        var current = (await states.AllAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.Slo, StringComparer.Ordinal);
        // An SLO the source could not count keeps its state: a refused query or an impossible value is not a resolved alert.
        foreach (var slo in slos.Where(s => counts.FailureOf(s.Id) is null))
        {
            var evaluation = BurnRateEvaluation.Evaluate(slo, counts);
            var key = slo.Id.ToString();
            var before = current.GetValueOrDefault(key);
            if ((before?.Severity ?? "ok") == evaluation.Severity)
                continue;
            var next = new AlertState(key, evaluation.Severity, now, null);
            if (!await states.TryChangeAsync(before?.Severity, next, cancellationToken).ConfigureAwait(false))
                continue; // another replica saw it first and posts it
            var budget = BudgetMath.Evaluate(slo, counts, now);
            await PostAsync(AlertMessages.Change(evaluation, before, budget, now), next, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PostAsync(Reply reply, AlertState state, CancellationToken cancellationToken)
    {
        var (platform, channel) = ScheduledPost.ParseChannel(Options.Channel)!.Value;
        var where = new ConversationKey(platform, channel);
        var transport = posts.TransportFor(platform) ?? throw new InvalidOperationException($"SloBot is not connected to {platform}");

        var intent = DeliveryIntent.AlertChange(state.Slo, state.Severity, state.Since);
        var posted = await transport.PostAsync(where, reply, intent, cancellationToken).ConfigureAwait(false); // the transport's outbox retries
        await states.SetMessageAsync(state.Slo, posted.MessageId, cancellationToken).ConfigureAwait(false);
        LogPosted(logger, state.Slo, state.Severity, posted.MessageId);
    }

    [LoggerMessage(EventId = 820, Level = LogLevel.Information, Message = "Burn-rate alert for {Slo}: {Severity} (message {MessageId})")]
    private static partial void LogPosted(ILogger logger, string slo, string severity, string messageId);

    [LoggerMessage(EventId = 821, Level = LogLevel.Error, Message = "Burn-rate alerts are off: their channel {Channel} is on {Platform}, which SloBot is not connected to (configure SloBot:{Platform}:* or change SloBot:Alerts:Channel)")]
    private static partial void LogNoTransport(ILogger logger, string channel, string platform);

    [LoggerMessage(EventId = 822, Level = LogLevel.Warning, Message = "Burn rates could not be checked; trying again next round: {Reason}")]
    private static partial void LogCheckFailed(ILogger logger, string reason);
}
