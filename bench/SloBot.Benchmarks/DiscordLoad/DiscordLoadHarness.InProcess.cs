using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SloBot.Chat;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using SloBot.Discord;
using SloBot.Chat.Budgets;
using SloBot.Chat.Catalog;
using SloBot.Chat.Releases;
using SloBot.Chat.Tiers;
using SloBot.Chat.Design;
using SloBot.Chat.Journeys;

namespace SloBot.Benchmarks.DiscordLoad;

/// <summary><c>--in-process</c>: SloBot's transport and chat layer inside the harness, on a constant SLI source.</summary>
internal static partial class DiscordLoadHarness
{
    /// <summary>The transport and chat layer in this process, answering from a constant source (<c>--in-process</c>).</summary>
    private sealed class InProcessBot(ServiceProvider provider, IHostedService[] hosted) : IAsyncDisposable
    {
        public static async Task<InProcessBot> StartAsync(Dictionary<string, string?> settings)
        {
            var services = new ServiceCollection();
            services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
            services.AddSloBotChat().AddBudgets().AddCatalogCommand().AddReleases().AddTiers().AddDesign().AddJourneys();
            services.AddSingleton<ISloCatalog>(new InMemorySloCatalog(
                [new ServiceDefinition("payment", [new SloDefinition("payment", "availability", 0.999, TimeSpan.FromDays(30), SliQuery.EmbeddedOnly)])]));
            services.AddSingleton<ISliSource, SteadySource>();
            services.AddDiscordTransport(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
            var provider = services.BuildServiceProvider();
            var hosted = provider.GetServices<IHostedService>().ToArray();
            foreach (var h in hosted)
                await h.StartAsync(CancellationToken.None);
            return new InProcessBot(provider, hosted);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var h in hosted)
                await h.StopAsync(CancellationToken.None);
            await provider.DisposeAsync();
        }
    }

    private sealed class SteadySource : ISliSource
    {
        public Task<SliCounts> CountAsync(IReadOnlyList<SloDefinition> slos, IReadOnlyList<TimeSpan> windows, DateTimeOffset end, CancellationToken cancellationToken)
        {
            var counts = new SliCounts();
            foreach (var slo in slos)
            {
                foreach (var window in windows)
                    counts.Set(slo.Id, window, new EventCounts(window.TotalHours * 999.5, window.TotalHours * 1000));
            }

            return Task.FromResult(counts);
        }

        public Task<IReadOnlyList<EventBucket>> SeriesAsync(SloDefinition slo, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<EventBucket>>([]);
    }
}
