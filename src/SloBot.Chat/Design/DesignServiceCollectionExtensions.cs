using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Capabilities;
using SloBot.Chat.Commands;
using SloBot.Chat.Tiers;

namespace SloBot.Chat.Design;

public static class DesignServiceCollectionExtensions
{
    /// <summary><c>/slo design</c>: SLIs, targets, alert rules and dashboards for a service (reads adopted tiers).</summary>
    public static IServiceCollection AddDesign(this IServiceCollection services)
    {
        if (!services.TryAddCapability<DesignCommand>())
            return services;
        services.AddTierAdoptions();
        services.AddCommand<DesignCommand>();
        services.AddCommand<RulesCommand>();
        return services;
    }
}
