using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SloBot.Chat.Budgets;
using SloBot.Chat.Capabilities;

namespace SloBot.Chat.Teams;

public static class TeamServiceCollectionExtensions
{
    /// <summary>
    /// <c>SloBot:Teams</c> of <paramref name="configuration"/> (no teams without one), validated at start, and the SLOs'
    /// performance from live budgets; shared by <c>/slo balance</c> and <c>/slo toil</c>.
    /// </summary>
    public static IServiceCollection AddTeams(this IServiceCollection services, IConfiguration? configuration = null)
    {
        if (!services.TryAddCapability<TeamOptions>())
            return services;
        var options = services.AddOptionsWithValidateOnStart<TeamOptions>();
        if (configuration is not null)
            options.Configure(o => o.ReadFrom(configuration));
        services.AddSingleton<IValidateOptions<TeamOptions>>(new TeamOptionsValidator(configuration));
        services.TryAddSingleton<BudgetQuery>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SloPerformanceReader>();
        services.AddSingleton<TeamChoice>();
        return services;
    }
}
