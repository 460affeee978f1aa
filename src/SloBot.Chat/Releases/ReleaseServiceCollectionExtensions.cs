using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.Commands;
using SloBot.Chat.Conversations;
using SloBot.Core.Catalog;

namespace SloBot.Chat.Releases;

internal static class ReleaseServiceCollectionExtensions
{
    /// <summary>The release commands and buttons. The decision log defaults to memory; SloBot.Storage replaces it.</summary>
    public static IServiceCollection AddReleaseDecisions(this IServiceCollection services)
    {
        services.TryAddSingleton<IReleaseDecisionLog, InMemoryReleaseDecisionLog>();
        services.AddOptions<ReleaseOptions>();
        services.AddSingleton<IConfigureOptions<ReleaseOptions>>(sp => new ConfigureOptions<ReleaseOptions>(o => sp.GetService<IConfiguration>()?.GetSection(ReleaseOptions.Section).Bind(o)));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ReleaseDecider>(sp, sp.GetRequiredService<IOptions<ReleaseOptions>>().Value.FreezeWhileBurning));
        services.AddSingleton<ReleaseOverrides>();
        services.AddCommand<ReleaseCommand>();
        services.AddCommand<ReleaseOverrideCommand>();
        services.AddCommand<ReleasesCommand>();
        services.AddSingleton<IButtonHandler, ReleaseButtons>();
        services.AddQuestionnaire(sp => ReleaseQuestionnaire.Create(sp.GetRequiredService<ISloCatalog>()));
        return services;
    }
}
