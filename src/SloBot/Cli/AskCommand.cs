using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Terminal;

namespace SloBot.Cli;

/// <summary><c>slobot ask "/slo …"</c>: one command handled exactly as chat would, printed, exit code from the reply.</summary>
internal static class AskCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, CliArguments cli, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var text = string.Join(' ', cli.Words);
        if (string.IsNullOrWhiteSpace(text))
        {
            await stderr.WriteLineAsync("ask needs a command, for example: slobot ask \"/slo budget payment\"").ConfigureAwait(false);
            return ExitCodes.BadCommand;
        }

        var sink = services.GetRequiredService<IChatEventSink>();
        var time = services.GetRequiredService<TimeProvider>();
        var responder = new CapturingResponder();
        var command = new CommandEvent($"ask-{Guid.NewGuid():N}", ConsoleTransport.Session, ConsoleTransport.User, time.GetUtcNow(), text) { OneShot = true };
        await sink.HandleAsync(command, responder, cancellationToken).ConfigureAwait(false);
        if (responder.Replies.Count == 0)
        {
            await stderr.WriteLineAsync("SloBot had no answer to that.").ConfigureAwait(false);
            return ExitCodes.BadCommand;
        }

        var last = responder.Replies[^1];
        foreach (var reply in responder.Replies)
        {
            if (cli.Json)
                await stdout.WriteLineAsync(JsonSerializer.Serialize(reply.Data ?? new { text = reply.PlainText() }, JsonOutput.Options)).ConfigureAwait(false);
            else
                await (reply.ExitCode == ExitCodes.Answered ? stdout : stderr).WriteLineAsync(reply.PlainText()).ConfigureAwait(false);
        }

        if (cli.OutDir is { } dir)
            await WriteAttachmentsAsync(responder.Replies, dir, cli.Json ? stderr : stdout, cancellationToken).ConfigureAwait(false);
        return last.ExitCode;
    }

    private static async Task WriteAttachmentsAsync(IEnumerable<Reply> replies, string dir, TextWriter list, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dir);
        foreach (var attachment in replies.SelectMany(r => r.Attachments))
        {
            var path = Path.Combine(dir, Path.GetFileName(attachment.FileName));
            await File.WriteAllBytesAsync(path, attachment.Content, cancellationToken).ConfigureAwait(false);
            await list.WriteLineAsync(Path.GetFullPath(path)).ConfigureAwait(false);
        }
    }

    private sealed class CapturingResponder : IChatResponder
    {
        public List<Reply> Replies { get; } = [];

        public Task RespondAsync(Reply reply, CancellationToken cancellationToken)
        {
            Replies.Add(reply);
            return Task.CompletedTask;
        }
    }
}
