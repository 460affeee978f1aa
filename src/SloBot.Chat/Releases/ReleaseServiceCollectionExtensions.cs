using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.Capabilities;
using SloBot.Chat.Commands;
using SloBot.Chat.Conversations;
using SloBot.Core.Catalog;

namespace SloBot.Chat.Releases;

public static class ReleaseServiceCollectionExtensions
{
    /// <summary>
    /// <c>/slo release</c>, <c>/slo override</c>, <c>/slo approve</c>, <c>/slo releases</c>, their buttons and questionnaire, options
    /// from <c>SloBot:Releases</c> of <paramref name="configuration"/> (defaults without one). Store contract:
    /// <see cref="IReleaseDecisionLog"/> (memory unless SloBot.Storage fulfils it).
    /// </summary>
    public static IServiceCollection AddReleases(this IServiceCollection services, IConfiguration? configuration = null)
    {
        if (!services.TryAddCapability<ReleaseCommand>())
            return services;
        services.TryAddSingleton<IReleaseDecisionLog, InMemoryReleaseDecisionLog>();
        var options = services.AddOptionsWithValidateOnStart<ReleaseOptions>(); // one yes/no key: read as its type by the host
        if (configuration is not null)
            options.Bind(configuration.GetSection(ReleaseOptions.Section));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ReleaseDecider>(sp, sp.GetRequiredService<IOptions<ReleaseOptions>>().Value.FreezeWhileBurning));
        services.AddSingleton<ReleaseOverrides>();
        services.AddSingleton<ReleaseApprovals>();
        services.AddCommand<ReleaseCommand>();
        services.AddCommand<ReleaseOverrideCommand>();
        services.AddCommand<ReleaseApproveCommand>();
        services.AddCommand<ReleasesCommand>();
        services.AddSingleton<IButtonHandler, ReleaseButtons>();
        services.AddQuestionnaire(sp => ReleaseQuestionnaire.Create(sp.GetRequiredService<ISloCatalog>()));
        return services;
    }
}
