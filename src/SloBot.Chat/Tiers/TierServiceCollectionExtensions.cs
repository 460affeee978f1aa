using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.Capabilities;
using SloBot.Chat.Commands;
using SloBot.Chat.Conversations;
using SloBot.Core.Catalog;

namespace SloBot.Chat.Tiers;

public static class TierServiceCollectionExtensions
{
    /// <summary><c>/slo tier</c>, its questionnaire and the adopt button. Store contract: <see cref="ITierAdoptions"/> (in memory unless SloBot.Storage fulfils it).</summary>
    public static IServiceCollection AddTiers(this IServiceCollection services)
    {
        if (!services.TryAddCapability<TierCommand>())
            return services;
        services.AddTierAdoptions();
        services.AddCommand<TierCommand>();
        services.AddQuestionnaire(sp => TierQuestionnaire.Create(sp.GetService<ISloCatalog>()));
        services.AddSingleton<IButtonHandler, TierAdoptButton>();
        return services;
    }

    /// <summary>The adopted-tier store contract alone (design reads adoptions too).</summary>
    internal static IServiceCollection AddTierAdoptions(this IServiceCollection services)
    {
        services.TryAddSingleton<ITierAdoptions, InMemoryTierAdoptions>();
        return services;
    }
}
