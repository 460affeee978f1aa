using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SloBot.Chat;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using SloBot.Sli.Prometheus;
using SloBot.Chat.Budgets;
using SloBot.Chat.Catalog;
using SloBot.Chat.Releases;
using SloBot.Chat.Tiers;
using SloBot.Chat.Design;
using SloBot.Chat.Journeys;

namespace SloBot.IntegrationTests.Prometheus;

/// <summary>The real chat layer on the Prometheus source, at a fake "now"; counts the HTTP requests sent to Prometheus.</summary>
public sealed class ChatHarness : IDisposable
{
    private readonly ServiceProvider _provider;
    private readonly RequestCounter _counter = new();

    /// <param name="configure">More capabilities or settings for this test (planning adds <c>AddPlanning</c>).</param>
    public ChatHarness(Uri prometheus, ISloCatalog catalog, DateTimeOffset now, Action<IServiceCollection>? configure = null)
        : this(catalog, now, null, configure)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SloBot:Sli:Prometheus:Url"] = prometheus.ToString(),
            ["SloBot:Sli:Prometheus:Timeout"] = "60s",
        }).Build();
        _services.AddPrometheusSliSource(config);
        _services.AddHttpClient(PrometheusSliSource.HttpClientName).AddHttpMessageHandler(() => new CountingHandler(_counter));
        _provider = _services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    /// <summary>The same chat layer on another SLI source (the embedded store).</summary>
    public ChatHarness(ISliSource source, ISloCatalog catalog, DateTimeOffset now, Action<IServiceCollection>? configure = null)
        : this(catalog, now, source, configure)
    {
        _provider = _services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private ChatHarness(ISloCatalog catalog, DateTimeOffset now, ISliSource? source, Action<IServiceCollection>? configure)
    {
        _services.AddLogging();
        _services.AddSingleton<TimeProvider>(new FakeTimeProvider(now));
        _services.AddSingleton(catalog);
        _services.AddSloBotChat().AddBudgets().AddCatalogCommand().AddReleases().AddTiers().AddDesign().AddJourneys();
        if (source is not null)
            _services.AddSingleton(source);
        configure?.Invoke(_services);
        _provider = null!;
    }

    private readonly ServiceCollection _services = new();

    /// <summary>HTTP requests sent to Prometheus so far.</summary>
    public int Requests => _counter.Count;

    public IServiceProvider Services => _provider;

    /// <summary>Handles "/slo …" exactly as a transport would, and returns the reply.</summary>
    public async Task<Reply> AskAsync(string text)
    {
        var responder = new CapturingResponder();
        var sink = _provider.GetRequiredService<IChatEventSink>();
        await sink.HandleAsync(new CommandEvent(Guid.NewGuid().ToString("N"), new ConversationKey("test", "C1"), new ChatUser("U1"), DateTimeOffset.UnixEpoch, text), responder, CancellationToken.None);
        return responder.Reply ?? throw new InvalidOperationException($"no reply to {text}");
    }

    /// <summary>The reply's data as the <c>--json</c> output shows it.</summary>
    public static JsonElement Json(Reply reply) => JsonSerializer.SerializeToElement(reply.Data, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public void Dispose() => _provider.Dispose();

    private sealed class CapturingResponder : IChatResponder
    {
        public Reply? Reply { get; private set; }

        public Task RespondAsync(Reply reply, CancellationToken cancellationToken)
        {
            Reply = reply;
            return Task.CompletedTask;
        }
    }

    private sealed class RequestCounter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Increment() => Interlocked.Increment(ref _count);
    }

    private sealed class CountingHandler(RequestCounter counter) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            counter.Increment();
            return base.SendAsync(request, cancellationToken);
        }
    }
}
