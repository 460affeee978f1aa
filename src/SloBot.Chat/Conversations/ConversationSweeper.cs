using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SloBot.Chat.Conversations;

/// <summary>
/// Looks for idle conversations every <see cref="ConversationOptions.SweepInterval"/> (a <see cref="PeriodicTimer"/> on
/// the injected <see cref="TimeProvider"/>): posts one reminder after <see cref="ConversationOptions.RemindAfter"/> and
/// closes as abandoned after <see cref="ConversationOptions.AbandonAfter"/>. A failing tick is logged, never fatal.
/// </summary>
public sealed partial class ConversationSweeper(
    ConversationEngine engine,
    ThreadPosts posts,
    TimeProvider time,
    IOptions<ConversationOptions> options,
    ILogger<ConversationSweeper> logger) : BackgroundService
{
    private readonly ConversationOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.SweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await SweepAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogSweepFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <summary>One pass: returns how many reminders were posted and how many conversations were abandoned.</summary>
    public async Task<(int Reminded, int Abandoned)> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (reminded, abandoned) = (0, 0);
        foreach (var record in await engine.Store.ListAsync(null, activeOnly: true, int.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            var idle = now - record.UpdatedAt;
            if (idle >= _options.AbandonAfter)
            {
                if (await engine.AbandonAsync(record, cancellationToken).ConfigureAwait(false) is not { } notice)
                    continue;
                await posts.PostAsync(record.Key, notice, $"{record.Id}:abandoned:{record.UpdatedAt.ToUnixTimeMilliseconds()}", cancellationToken).ConfigureAwait(false);
                LogAbandoned(logger, record.Id, idle);
                abandoned++;
            }
            else if (idle >= _options.RemindAfter && record.RemindedAt is null && await engine.MarkRemindedAsync(record, cancellationToken).ConfigureAwait(false))
            {
                var prompt = await engine.PromptAsync(record.Id, cancellationToken).ConfigureAwait(false);
                var reminder = prompt with { Header = $"Reminder · {prompt.Header}", Summary = $"Reminder: {prompt.Summary}" };
                await posts.PostAsync(record.Key, reminder, $"{record.Id}:remind:{record.UpdatedAt.ToUnixTimeMilliseconds()}", cancellationToken).ConfigureAwait(false);
                reminded++;
            }
        }

        return (reminded, abandoned);
    }

    [LoggerMessage(EventId = 510, Level = LogLevel.Error, Message = "Conversation sweep failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 511, Level = LogLevel.Information, Message = "Conversation {ConversationId} abandoned after {Idle} idle")]
    private static partial void LogAbandoned(ILogger logger, string conversationId, TimeSpan idle);
}
