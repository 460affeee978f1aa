using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SloBot.Charts;
using SloBot.Chat;
using SloBot.Chat.Alerts;
using SloBot.Chat.ActionItems;
using SloBot.Chat.Balance;
using SloBot.Chat.Planning;
using SloBot.Chat.Toil;
using SloBot.Chat.Budgets;
using SloBot.Chat.Catalog;
using SloBot.Chat.Design;
using SloBot.Chat.Journeys;
using SloBot.Chat.Maturity;
using SloBot.Chat.Releases;
using SloBot.Chat.Retrospectives;
using SloBot.Chat.Reviews;
using SloBot.Chat.Roles;
using SloBot.Chat.StatusPage;
using SloBot.Chat.Tiers;
using SloBot.Chat.Delivery;
using SloBot.Terminal;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using SloBot.Demo;
using SloBot.Discord;
using SloBot.Sli;
using SloBot.Sli.Embedded;
using SloBot.Sli.Prometheus;
using SloBot.Slack;
using SloBot.Chat.Conversations;
using SloBot.Chat.Schedules;
using SloBot.Storage;

namespace SloBot.Hosting;

/// <summary>The composition root: the only place that knows every project. Reads as the architecture.</summary>
internal static class SloBotServices
{
    /// <summary>With --demo and no explicit store, demo state goes to its own file so it never mixes with real data.</summary>
    public static void AddDemoDefaults(IConfigurationManager configuration, HostMode mode)
    {
        if (mode.Demo && string.IsNullOrWhiteSpace(configuration["SloBot:Storage:ConnectionString"]))
        {
            configuration.Sources.Insert(0, new MemoryConfigurationSource
            {
                InitialData = new Dictionary<string, string?> { ["SloBot:Storage:ConnectionString"] = "Data Source=slobot-demo.db" },
            });
        }

        // The demo's customers see four of its services under public names (the catalog's names are internal).
        if (mode.Demo && !configuration.GetSection("SloBot:StatusPage:Services").Exists())
        {
            configuration.Sources.Insert(0, new MemoryConfigurationSource
            {
                InitialData = new Dictionary<string, string?>
                {
                    ["SloBot:StatusPage:Title"] = "Demo Shop status",
                    ["SloBot:StatusPage:Services:checkout"] = "Checkout",
                    ["SloBot:StatusPage:Services:payment"] = "Payments",
                    ["SloBot:StatusPage:Services:search"] = "Product search",
                    ["SloBot:StatusPage:Services:notifications"] = "Order notifications",
                },
            });
        }
    }

    /// <summary>Core services shared by every mode (serve, ask, import).</summary>
    public static IServiceCollection AddSloBot(this IServiceCollection services, IConfiguration configuration, HostMode mode)
    {
        services.AddSingleton(mode);
        services.AddSingleton(TimeProvider.System);
        services.AddOptionsWithValidateOnStart<SloBotOptions, SloBotOptionsValidator>().Bind(configuration.GetSection(SloBotOptions.Section));

        services.AddSloBotStorage(configuration);
        services.AddEmbeddedSliStore(configuration);
        var prometheus = SliSources.IsPrometheus(configuration["SloBot:Sli:Source"]);
        if (prometheus)
            services.AddPrometheusSliSource(configuration);
        else
            services.AddSingleton<ISliSource>(sp => sp.GetRequiredService<EmbeddedSliStore>());
        services.MeasureSliSource(prometheus ? "prometheus" : "embedded");
        services.AddSingleton<ISloCatalog>(sp => new LazySloCatalog(() => CatalogFactory.Create(sp.GetRequiredService<IOptions<SloBotOptions>>(), mode)));
        services.AddSloBotChat(configuration);
        services.AddSloBotConversations(configuration);

        // The platforms configuration may name (platform:channel), connected or not: one line per transport.
        services.AddSlackPlatform();
        services.AddDiscordPlatform();
        services.AddChatPlatform(ConsoleTransport.PlatformName, "terminal", "console");

        // One line per capability (each registers its commands, flows, options and store contract).
        services.AddBudgets();
        services.AddCatalogCommand();
        services.AddReleases(configuration);
        services.AddRolesCommand();
        services.AddTiers();
        services.AddDesign();
        services.AddJourneys();
        services.AddRetrospectives();
        services.AddReviews();
        services.AddActionItems();
        services.AddBalance(configuration);
        services.AddMaturity();
        services.AddToil(configuration);
        services.AddStatusPage(configuration);
        services.AddPlanning();
        services.AddSloBotSchedules(configuration);
        services.AddSloBotAlerts(configuration);

        if (mode.Demo)
            services.AddSingleton<DemoSeeder>();
        services.AddSingleton<StartupTasks>(); // run by the one-shot commands, or in the background by the service (ListenFirst)
        return services;
    }

    /// <summary>Burn-down charts on <c>/slo budget</c> (drawn only where they can be shown: chat, <c>ask --out</c>).</summary>
    public static IServiceCollection AddBurnDownCharts(this IServiceCollection services) =>
        services.AddSingleton<IBurnDownRenderer, ScottPlotBurnDown>();

    /// <summary>Running as a service: transports, the demo's live minutes, the console when a terminal is attached.</summary>
    public static IServiceCollection AddSloBotService(this IServiceCollection services, IConfiguration configuration, HostMode mode)
    {
        services.AddBurnDownCharts();
        services.AddSlackTransport(configuration);
        services.AddDiscordTransport(configuration);
        if (mode.Demo)
            services.AddHostedService(sp => sp.GetRequiredService<DemoSeeder>());
        if (mode.Interactive || configuration.GetValue<bool>("SloBot:Console:Enabled"))
        {
            services.AddSingleton(ConsoleStreams.Terminal());
            services.AddSingleton<ConsoleTransport>();
            services.AddSingleton<IChatTransport>(sp => sp.GetRequiredService<ConsoleTransport>());
            services.AddHostedService<ConsoleRepl>();
        }

        return services;
    }
}
