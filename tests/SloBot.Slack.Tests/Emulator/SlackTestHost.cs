using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;

namespace SloBot.Slack.Tests.Emulator;

/// <summary>A generic host running the real Slack transport against the emulator, with the chat layer or a recording sink.</summary>
public sealed class SlackTestHost : IAsyncDisposable
{
    private SlackTestHost(IHost host, LogCollector logs)
    {
        Host = host;
        Logs = logs;
    }

    public IHost Host { get; }

    public LogCollector Logs { get; }

    public IServiceProvider Services => Host.Services;

    public static Task<SlackTestHost> StartAsync(SlackEmulator emulator, Action<IServiceCollection> configure, IDictionary<string, string?>? settings = null, LogLevel logLevel = LogLevel.Debug) =>
        StartAsync(Settings(emulator, settings), configure, logLevel);

    public static async Task<SlackTestHost> StartAsync(IDictionary<string, string?> settings, Action<IServiceCollection> configure, LogLevel logLevel = LogLevel.Debug)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        var logs = new LogCollector();
        builder.Logging.SetMinimumLevel(logLevel).AddProvider(logs);
        builder.Services.AddSlackTransport(builder.Configuration);
        configure(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new SlackTestHost(host, logs);
    }

    public static Dictionary<string, string?> Settings(SlackEmulator emulator, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["SloBot:Slack:AppToken"] = SlackEmulator.AppToken,
            ["SloBot:Slack:BotToken"] = SlackEmulator.BotToken,
            ["SloBot:Slack:SigningSecret"] = "8f742231b10e8888abcd99yyyzzz85a5",
            ["SloBot:Slack:ApiBaseUrl"] = emulator.ApiBaseUrl,
            ["SloBot:Slack:ChannelMessageInterval"] = "00:00:00.020",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
            settings[k] = v;
        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Host.StopAsync(timeout.Token);
        Host.Dispose();
    }
}

/// <summary>Records every event and answers with <see cref="Answer"/> (by default an echo of the text).</summary>
public sealed class RecordingSink : IChatEventSink
{
    public ConcurrentQueue<ChatEvent> Events { get; } = new();

    public Func<ChatEvent, CancellationToken, Task<Reply?>> Answer { get; set; } = (e, _) => Task.FromResult<Reply?>(Reply.Text("echo: " + Describe(e)));

    public async Task HandleAsync(ChatEvent chatEvent, IChatResponder responder, CancellationToken cancellationToken)
    {
        Events.Enqueue(chatEvent);
        if (await Answer(chatEvent, cancellationToken) is { } reply)
            await responder.RespondAsync(reply, cancellationToken);
    }

    public static string Describe(ChatEvent e) => e switch
    {
        CommandEvent c => c.Text,
        ThreadMessage t => t.Text,
        ButtonClick b => $"{b.ActionId}={b.Value}",
        ModalSubmit m => m.CallbackId,
        _ => e.EventId,
    };
}

public sealed class LogCollector : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Collecting(this, categoryName);

    public void Dispose()
    {
    }

    public string All => string.Join("\n", Entries.Select(e => $"{e.Level} {e.Category}: {e.Message}"));

    private sealed class Collecting(LogCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue((category, logLevel, formatter(state, exception) + (exception is null ? "" : " | " + exception)));
    }
}
