using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;

namespace SloBot.Terminal;

/// <summary>
/// The terminal as a chat platform: what SloBot posts is printed, and the files a reply attaches (charts, generated
/// rules) are saved under <see cref="ConsoleStreams.Files"/> with their paths printed. <see cref="ConsoleRepl"/> reads
/// what is typed.
/// </summary>
internal sealed class ConsoleTransport(ConsoleStreams streams) : IChatTransport, IDisposable
{
    public const string PlatformName = "console";
    public static readonly ConversationKey Session = new(PlatformName, "terminal", "session");
    private readonly SemaphoreSlim _write = new(1, 1);
    private long _sequence;

    public string Platform => PlatformName;

    public static ChatUser User { get; } = new("console", Environment.UserName);

    public async Task<PostedMessage> PostAsync(ConversationKey where, Reply reply, DeliveryIntent intent, CancellationToken cancellationToken)
    {
        var prefix = where.Channel == Session.Channel ? null : $"[{where.Channel}]";
        await WriteAsync(reply, prefix, cancellationToken).ConfigureAwait(false);
        return new PostedMessage(where, Interlocked.Increment(ref _sequence).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<ConversationKey> StartThreadAsync(ConversationKey channel, Reply opening, string title, DeliveryIntent intent, CancellationToken cancellationToken)
    {
        await WriteAsync(opening, $"[thread: {title}]", cancellationToken).ConfigureAwait(false);
        return Session;
    }

    internal async Task WriteAsync(Reply reply, string? prefix, CancellationToken cancellationToken)
    {
        await _write.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var text = PlainTextRenderer.Render(reply);
            await streams.Output.WriteLineAsync(prefix is null ? text : $"{prefix} {text}").ConfigureAwait(false);
            if (reply.Attachments.Count > 0)
            {
                foreach (var attachment in reply.Attachments)
                    await streams.Output.WriteLineAsync(await SaveAsync(attachment, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            }

            await streams.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _write.Release();
        }
    }

    private async Task<string> SaveAsync(ReplyAttachment attachment, CancellationToken cancellationToken)
    {
        var path = Path.Combine(streams.Files, Path.GetFileName(attachment.FileName));
        try
        {
            Directory.CreateDirectory(streams.Files);
            await File.WriteAllBytesAsync(path, attachment.Content, cancellationToken).ConfigureAwait(false);
            return $"  saved {path}";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"  could not save {attachment.FileName}: {ex.Message}";
        }
    }

    public void Dispose() => _write.Dispose();

    /// <summary>A line for the person at the terminal that is not a reply (prompts, hints).</summary>
    public async Task SayAsync(string text, CancellationToken cancellationToken)
    {
        await streams.Output.WriteLineAsync(text).ConfigureAwait(false);
        await streams.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    internal sealed class Responder(ConsoleTransport transport) : IChatResponder
    {
        public bool Answered { get; private set; }

        public async Task RespondAsync(Reply reply, CancellationToken cancellationToken)
        {
            Answered = true;
            await transport.WriteAsync(reply, null, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>The terminal's streams, and where attached files go (a folder of this process in the temp folder); tests pass their own.</summary>
internal sealed record ConsoleStreams(TextReader Input, TextWriter Output, string Files)
{
    public static ConsoleStreams Terminal() => new(Console.In, Console.Out, Path.Combine(Path.GetTempPath(), $"slobot-{Environment.ProcessId}"));
}
