using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SloBot.Chat.Alerts;

public static class AlertServiceCollectionExtensions
{
    /// <summary>
    /// Burn-rate alert posts from <c>SloBot:Alerts</c> (validated at start), run as a hosted service. States are in
    /// memory unless <c>AddSloBotStorage</c> registers the SQL store.
    /// </summary>
    public static IServiceCollection AddSloBotAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<Delivery.ChatPlatforms>(); // the platforms the channel may name: registered by the transports
        services.AddOptionsWithValidateOnStart<AlertOptions, AlertOptionsValidator>().Bind(configuration.GetSection(AlertOptions.Section));
        services.TryAddSingleton<IAlertStateStore, InMemoryAlertStateStore>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BurnRateAlerter>();
        services.AddHostedService(sp => sp.GetRequiredService<BurnRateAlerter>());
        return services;
    }
}
