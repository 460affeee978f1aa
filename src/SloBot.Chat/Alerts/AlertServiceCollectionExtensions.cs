using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SloBot.Chat.Alerts;

public static class AlertServiceCollectionExtensions
{
    /// <summary>
    /// Burn-rate alert posts from <c>SloBot:Alerts</c> (validated at start), run as a hosted service. States are in
    /// memory unless <c>AddSloBotStorage</c> registers the SQL store.
    /// </summary>
    public static IServiceCollection AddSloBotAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertOptions>()
            .Bind(configuration.GetSection(AlertOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertOptions>, AlertOptionsValidator>();
        services.TryAddSingleton<IAlertStateStore, InMemoryAlertStateStore>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BurnRateAlerter>();
        services.AddHostedService(sp => sp.GetRequiredService<BurnRateAlerter>());
        return services;
    }
}

internal sealed class AlertOptionsValidator : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
