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
    /// <c>SloBot:Teams</c> (read from the host's IConfiguration when there is one, validated at start) and the SLOs'
    /// performance from live budgets; shared by <c>/slo balance</c> and <c>/slo toil</c>.
    /// </summary>
    public static IServiceCollection AddTeams(this IServiceCollection services)
    {
        if (!services.TryAddCapability<TeamOptions>())
            return services;
        services.AddOptionsWithValidateOnStart<TeamOptions>();
        services.AddSingleton<IConfigureOptions<TeamOptions>>(sp => new ConfigureOptions<TeamOptions>(o =>
        {
            if (sp.GetService<IConfiguration>() is { } configuration)
                o.ReadFrom(configuration);
        }));
        services.AddSingleton<IValidateOptions<TeamOptions>>(sp => new TeamOptionsValidator(sp.GetService<IConfiguration>()));
        services.TryAddSingleton<BudgetQuery>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SloPerformanceReader>();
        services.AddSingleton<TeamChoice>();
        return services;
    }
}
