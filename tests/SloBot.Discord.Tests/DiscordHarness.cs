using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SloBot.Chat;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using SloBot.Discord.Configuration;
using SloBot.Discord.Tests.Emulator;
using SloBot.Chat.Budgets;
using SloBot.Chat.Catalog;
using SloBot.Chat.Releases;
using SloBot.Chat.Tiers;
using SloBot.Chat.Design;
using SloBot.Chat.Journeys;
using SloBot.Testing;

namespace SloBot.Discord.Tests;

/// <summary>
/// The real Discord transport (with the real chat layer) wired to a <see cref="DiscordEmulator"/>, on a fake clock.
/// Tests wait with <see cref="UntilAsync"/>, which polls and, when asked, moves the fake clock forward.
/// </summary>
public sealed class DiscordHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private IHostedService[] _hosted = [];
    private bool _ownsEmulator;

    private DiscordHarness(DiscordEmulator emulator, FakeTimeProvider clock, ServiceProvider services)
    {
        Emulator = emulator;
        Clock = clock;
        Services = services;
    }

    public DiscordEmulator Emulator { get; }

    public FakeTimeProvider Clock { get; }

    public ServiceProvider Services { get; }

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    /// <summary>The Gateway shards this harness's replica runs.</summary>
    internal SloBot.Discord.Gateway.GatewayShards Shards => Services.GetRequiredService<SloBot.Discord.Gateway.GatewayShards>();

    public static async Task<DiscordHarness> StartAsync(
        DiscordEmulator? emulator = null,
        FakeTimeProvider? clock = null,
        Action<IDictionary<string, string?>>? configure = null,
        Action<IServiceCollection>? services = null,
        bool run = true,
        LogLevel logLevel = LogLevel.Debug)
    {
        clock ??= new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var owns = emulator is null;
        emulator ??= await DiscordEmulator.StartAsync(clock);
        var settings = new Dictionary<string, string?>
        {
            ["SloBot:Discord:BotToken"] = emulator.BotToken,
            ["SloBot:Discord:ApplicationId"] = emulator.ApplicationId,
            ["SloBot:Discord:ApiBaseUrl"] = emulator.ApiBaseUrl.ToString(),
            ["SloBot:Discord:GuildIds:0"] = DiscordEmulator.GuildId,
        };
        configure?.Invoke(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.AddFakeLogging().SetMinimumLevel(logLevel));
        collection.AddSingleton<TimeProvider>(clock);
        collection.AddSloBotChat().AddBudgets().AddCatalogCommand().AddReleases().AddTiers().AddDesign().AddJourneys();
        collection.AddSingleton<ISloCatalog>(TestCatalog.Instance);
        collection.AddSingleton<ISliSource>(_ => TestCatalog.Steady());
        collection.AddDiscordTransport(configuration);
        services?.Invoke(collection);
        var provider = collection.BuildServiceProvider();
        _ = provider.GetRequiredService<IOptions<DiscordOptions>>().Value; // validation, as ValidateOnStart does
        var harness = new DiscordHarness(emulator, clock, provider) { _ownsEmulator = owns };
        if (run)
        {
            harness._hosted = provider.GetServices<IHostedService>().ToArray();
            foreach (var hosted in harness._hosted)
                await hosted.StartAsync(harness._stop.Token);
        }

        return harness;
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds (<see cref="SloBot.Testing.Poll"/>), advancing the fake clock by
    /// <paramref name="step"/> between checks; a time-out names the requests and Gateway frames seen.
    /// </summary>
    public Task UntilAsync(Func<bool> condition, string what, TimeSpan? step = null) =>
        SloBot.Testing.Poll.UntilAsync(
            condition,
            what,
            between: step is { } s ? () => Clock.Advance(s) : null,
            detail: () => $"Requests: {string.Join(", ", Emulator.Requests)}; gateway ops: {string.Join(",", Emulator.Gateway.Frames.Select(f => $"{f.Connection}:{f.Op}"))}");

    /// <summary>Waits until the emulator has a live session and the client has taken in its READY.</summary>
    public Task LiveAsync() => UntilAsync(
        () => Emulator.Gateway.IsLive && Shards.Running.TryGetValue(0, out var shard) && shard.SessionId == Emulator.Gateway.SessionId,
        "the Gateway session to be ready");

    public static JsonObject SlashCommand(string subcommand, params (string Name, JsonNode Value)[] options) => DiscordEmulator.SlashCommand(subcommand, options);

    /// <summary>Stops the hosted services as the host does (last started first), with <paramref name="grace"/> as the shutdown grace period.</summary>
    public async Task StopAsync(CancellationToken grace)
    {
        var hosted = _hosted;
        _hosted = [];
        foreach (var service in hosted.Reverse())
            await service.StopAsync(grace);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var hosted in _hosted)
            await hosted.StopAsync(CancellationToken.None);
        await Services.DisposeAsync();
        if (_ownsEmulator)
            await Emulator.DisposeAsync();
        _stop.Dispose();
    }
}
