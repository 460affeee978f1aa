using Microsoft.Extensions.DependencyInjection;
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
        services.AddSingleton<ReleaseDecider>();
        services.AddSingleton<ReleaseOverrides>();
        services.AddCommand<ReleaseCommand>();
        services.AddCommand<ReleaseOverrideCommand>();
        services.AddCommand<ReleasesCommand>();
        services.AddSingleton<IButtonHandler, ReleaseButtons>();
        services.AddQuestionnaire(sp => ReleaseQuestionnaire.Create(sp.GetRequiredService<ISloCatalog>()));
        return services;
    }
}
