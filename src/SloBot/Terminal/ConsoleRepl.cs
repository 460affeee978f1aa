using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SloBot.Chat.Delivery;
using SloBot.Chat.Budgets;
using SloBot.Chat.Events;
using SloBot.Core.Catalog;

namespace SloBot.Terminal;

/// <summary>
/// The terminal as a chat: every line typed is handled exactly as a chat message. Lines starting with "/slo" (or
/// "slo") are commands; anything else is a message in the session's thread, which is where conversations run.
/// </summary>
internal sealed partial class ConsoleRepl(
    ConsoleStreams streams,
    ConsoleTransport transport,
    IChatEventSink sink,
    ISloCatalog catalog,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<ConsoleRepl> logger) : BackgroundService
{
    private long _sequence;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        // Ready means started: an "exit" typed (or piped) before the web server is listening would cancel its start.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()).ConfigureAwait(false))
            await started.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
        await transport.SayAsync("SloBot is ready. Type /slo help for the commands, exit to quit.", stoppingToken).ConfigureAwait(false);
        if (catalog.Services.Count == 0)
            await transport.SayAsync(CatalogLookup.EmptyCatalog().PlainText(), stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            await streams.Output.WriteAsync("slo> ").ConfigureAwait(false);
            await streams.Output.FlushAsync(stoppingToken).ConfigureAwait(false);
            var line = await streams.Input.ReadLineAsync(stoppingToken).ConfigureAwait(false);
            if (line is null || line.Trim() is "exit" or "quit")
            {
                lifetime.StopApplication();
                return;
            }

            if (!string.IsNullOrWhiteSpace(line))
                await HandleLineAsync(line.Trim(), stoppingToken).ConfigureAwait(false);
        }
    }

    public async Task HandleLineAsync(string line, CancellationToken cancellationToken)
    {
        var id = $"console-{Interlocked.Increment(ref _sequence)}";
        var now = time.GetUtcNow();
        ChatEvent chatEvent = IsCommand(line)
            ? new CommandEvent(id, ConsoleTransport.Session, ConsoleTransport.User, now, line)
            : new ThreadMessage(id, ConsoleTransport.Session, ConsoleTransport.User, now, line);
        var responder = new ConsoleTransport.Responder(transport);
        try
        {
            await sink.HandleAsync(chatEvent, responder, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, id);
            await transport.SayAsync("That failed inside SloBot; the error is logged.", cancellationToken).ConfigureAwait(false);
        }

        if (!responder.Answered && chatEvent is ThreadMessage)
            await transport.SayAsync("Nothing is waiting for an answer here. Commands start with /slo — try /slo help.", cancellationToken).ConfigureAwait(false);
    }

    private static bool IsCommand(string line) =>
        line.StartsWith('/') || line.Equals("slo", StringComparison.OrdinalIgnoreCase) || line.StartsWith("slo ", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Error, Message = "Console event {EventId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string eventId);
}
