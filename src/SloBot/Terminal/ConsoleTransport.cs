using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;

namespace SloBot.Terminal;

/// <summary>
/// The terminal as a chat: every line typed is handled exactly as a chat message. Lines starting with "/slo" (or
/// "slo") are commands; anything else is a message in the session's thread, which is where conversations run.
/// </summary>
internal sealed partial class ConsoleTransport(
    ConsoleStreams streams,
    IChatEventSink sink,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<ConsoleTransport> logger) : BackgroundService, IChatTransport
{
    public const string PlatformName = "console";
    public static readonly ConversationKey Session = new(PlatformName, "terminal", "session");
    private readonly SemaphoreSlim _write = new(1, 1);
    private long _sequence;

    public string Platform => PlatformName;

    public static ChatUser User { get; } = new("console", Environment.UserName);

    public async Task<PostedMessage> PostAsync(ConversationKey where, Reply reply, CancellationToken cancellationToken)
    {
        var prefix = where.Channel == Session.Channel ? null : $"[{where.Channel}]";
        await WriteAsync(reply, prefix, cancellationToken).ConfigureAwait(false);
        return new PostedMessage(where, Interlocked.Increment(ref _sequence).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<ConversationKey> StartThreadAsync(ConversationKey channel, Reply opening, string title, CancellationToken cancellationToken)
    {
        await WriteAsync(opening, $"[thread: {title}]", cancellationToken).ConfigureAwait(false);
        return Session;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await streams.Output.WriteLineAsync("SloBot is ready. Type /slo help for the commands, exit to quit.").ConfigureAwait(false);
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

            if (string.IsNullOrWhiteSpace(line))
                continue;
            await HandleLineAsync(line.Trim(), stoppingToken).ConfigureAwait(false);
        }
    }

    public async Task HandleLineAsync(string line, CancellationToken cancellationToken)
    {
        var id = $"console-{Interlocked.Increment(ref _sequence)}";
        var now = time.GetUtcNow();
        ChatEvent chatEvent = IsCommand(line)
            ? new CommandEvent(id, Session, User, now, line)
            : new ThreadMessage(id, Session, User, now, line);
        var responder = new Responder(this);
        try
        {
            await sink.HandleAsync(chatEvent, responder, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, id);
            await streams.Output.WriteLineAsync("That failed inside SloBot; the error is logged.").ConfigureAwait(false);
        }

        if (!responder.Answered && chatEvent is ThreadMessage)
            await streams.Output.WriteLineAsync("Nothing is waiting for an answer here. Commands start with /slo — try /slo help.").ConfigureAwait(false);
    }

    private static bool IsCommand(string line) =>
        line.StartsWith('/') || line.Equals("slo", StringComparison.OrdinalIgnoreCase) || line.StartsWith("slo ", StringComparison.OrdinalIgnoreCase);

    private async Task WriteAsync(Reply reply, string? prefix, CancellationToken cancellationToken)
    {
        await _write.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var text = PlainTextRenderer.Render(reply);
            await streams.Output.WriteLineAsync(prefix is null ? text : $"{prefix} {text}").ConfigureAwait(false);
            await streams.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _write.Release();
        }
    }

    public override void Dispose()
    {
        _write.Dispose();
        base.Dispose();
    }

    private sealed class Responder(ConsoleTransport transport) : IChatResponder
    {
        public bool Answered { get; private set; }

        public async Task RespondAsync(Reply reply, CancellationToken cancellationToken)
        {
            Answered = true;
            await transport.WriteAsync(reply, null, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Error, Message = "Console event {EventId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string eventId);
}

/// <summary>The terminal's streams; tests pass their own.</summary>
internal sealed record ConsoleStreams(TextReader Input, TextWriter Output)
{
    public static ConsoleStreams Terminal() => new(Console.In, Console.Out);
}
