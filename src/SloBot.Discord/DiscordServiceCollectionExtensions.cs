using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SloBot.Chat.Delivery;
using SloBot.Discord.Commands;
using SloBot.Discord.Configuration;
using SloBot.Discord.Delivery;
using SloBot.Discord.Gateway;
using SloBot.Discord.Http;
using SloBot.Discord.Inbound;
using SloBot.Discord.Rendering;
using SloBot.Discord.Rest;
using SloBot.Transport.Inbound;

namespace SloBot.Discord;

public static class DiscordServiceCollectionExtensions
{
    /// <summary>
    /// Makes "discord" a platform configuration may name (<c>discord:123456789012345678</c> as a scheduled post's channel),
    /// whether or not Discord is configured in this process: the host calls it in every mode, <see cref="AddDiscordTransport"/> too.
    /// </summary>
    public static IServiceCollection AddDiscordPlatform(this IServiceCollection services) =>
        services.AddChatPlatform(InteractionParser.Platform, "123456789012345678", "Discord user or role snowflake");

    /// <summary>
    /// The Discord transport, enabled only when <c>SloBot:Discord:BotToken</c> is set. Needs the chat layer
    /// (<c>AddSloBotChat</c>), whose partition leases (shared when <c>AddSloBotStorage</c> is added) share the Gateway
    /// shards out among replicas. Options are validated at start with messages naming the key to fix.
    /// </summary>
    public static IServiceCollection AddDiscordTransport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDiscordPlatform();
        var section = configuration.GetSection(DiscordOptions.Section);
        if (string.IsNullOrWhiteSpace(section["BotToken"]))
            return services;
        services.AddOptionsWithValidateOnStart<DiscordOptions, DiscordOptionsValidator>().Bind(section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient<DiscordRestClient>(http => http.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A bounded pool of kept-alive connections: bursts queue briefly instead of opening hundreds of TLS connections.
                MaxConnectionsPerServer = 32,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                EnableMultipleHttp2Connections = true,
            })
            .RemoveAllLoggers(); // interaction webhook paths carry the interaction token: never log them (issue 13, item 9)
        services.AddSingleton(sp => new RateLimits(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ButtonIds>();
        services.AddSingleton<EmbedRenderer>();
        services.AddSingleton<InteractionParser>();
        services.AddSingleton<InteractionRouter>();
        services.AddSingleton<IInboxHandler, DiscordInboxHandler>();
        services.AddKeyedSingleton(DiscordInbound.Work, (sp, _) => new InboundWork(sp.GetRequiredService<IOptions<DiscordOptions>>().Value.MaxConcurrentEvents, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<CommandRegistrar>();
        services.AddSingleton<BotThreads>();
        services.AddSingleton<DiscordTransport>();
        services.AddSingleton<IOutboxSender, DiscordOutboxSender>();
        services.AddSingleton<IChatTransport>(sp => sp.GetRequiredService<DiscordTransport>());
        services.AddSingleton<IdentifyPacer>();
        services.AddSingleton<GatewayEvents>();
        services.AddSingleton<GatewayReplica>();
        services.AddSingleton<GatewayShards>();
        services.AddSingleton(sp => new SignatureVerifier(sp.GetRequiredService<IOptions<DiscordOptions>>().Value.PublicKey, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<DiscordHttpInteractions>();
        services.AddHostedService<DiscordHostedService>();
        return services;
    }
}
