using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SloBot.Chat.Delivery;
using SloBot.Slack.Configuration;
using SloBot.Slack.Delivery;
using SloBot.Slack.Http;
using SloBot.Slack.Inbound;
using SloBot.Slack.SocketMode;
using SloBot.Slack.WebApi;

namespace SloBot.Slack;

public static class SlackServiceCollectionExtensions
{
    /// <summary>
    /// The Slack transport, when <c>SloBot:Slack</c> has a token or signing secret: options validated at start, the
    /// Web API client, the <see cref="IChatTransport"/> for platform "slack", and the Socket Mode service. Needs the
    /// chat layer (<c>AddSloBotChat</c>) for the <see cref="IChatEventSink"/>.
    /// </summary>
    public static IServiceCollection AddSlackTransport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSlackPlatform();
        var section = configuration.GetSection(SlackOptions.Section);
        services.AddOptionsWithValidateOnStart<SlackOptions, SlackOptionsValidator>().Bind(section);
        if (!(section.Get<SlackOptions>() ?? new SlackOptions()).IsEnabled)
            return services;

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Outbox>();
        // RemoveAllLoggers: the factory's default logging writes request URIs at Information, and response_url and
        // file-upload URLs are credentials (issue 13, item 9).
        services.AddHttpClient(SlackApiClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30)).RemoveAllLoggers();
        services.AddSingleton<SlackApiClient>();
        services.AddSingleton<ChannelPacer>();
        services.AddSingleton<SlackFiles>();
        services.AddSingleton<SlackDelivery>();
        services.AddSingleton<SlackOutboxSender>();
        services.AddSingleton<IOutboxSender>(sp => sp.GetRequiredService<SlackOutboxSender>());
        services.AddSingleton<SlackInbound>();
        services.AddSingleton<IInboxHandler, SlackInboxHandler>();
        services.AddSingleton<SlackSignature>();
        services.AddSingleton<SlackTransport>();
        services.AddSingleton<SlackWorkspace>();
        services.AddSingleton<SlackUserGroups>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackUserGroups>());
        services.AddSingleton<IChatTransport>(sp => sp.GetRequiredService<SlackTransport>());
        services.AddHostedService<SocketModeService>();
        return services;
    }

    /// <summary>
    /// Makes "slack" a platform configuration may name (<c>slack:C0123ABCD</c> as a scheduled post's channel), whether or
    /// not Slack is configured in this process: the host calls it in every mode, <see cref="AddSlackTransport"/> too.
    /// </summary>
    public static IServiceCollection AddSlackPlatform(this IServiceCollection services) =>
        services.AddChatPlatform(SlackPayloads.Platform, "C0123ABCD", "Slack user U… or user group S…");

    /// <summary>
    /// HTTP mode's Request URLs: <c>POST /slack/commands</c>, <c>/slack/interactions</c>, <c>/slack/events</c>.
    /// Maps nothing unless Slack is enabled with <c>SloBot:Slack:Mode</c> = Http.
    /// </summary>
    public static IEndpointRouteBuilder MapSlackEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetService<IOptions<SlackOptions>>()?.Value;
        if (options is null || !options.IsEnabled || options.Mode != SlackMode.Http || endpoints.ServiceProvider.GetService<SlackInbound>() is null)
            return endpoints;
        var slack = endpoints.MapGroup("/slack");
        slack.MapPost("/commands", SlackHttpEndpoints.CommandsAsync);
        slack.MapPost("/interactions", SlackHttpEndpoints.InteractionsAsync);
        slack.MapPost("/events", SlackHttpEndpoints.EventsAsync);
        return endpoints;
    }
}
