using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Capabilities;
using SloBot.Chat.Commands;
using SloBot.Chat.Conversations;

namespace SloBot.Chat.Maturity;

public static class MaturityServiceCollectionExtensions
{
    /// <summary>
    /// <c>/slo maturity</c> and <c>/slo readiness</c> with their questionnaires. Reads, when registered, the release
    /// decision log, published weekly reviews, adopted tiers, <c>SloBot:Alerts</c> and <c>SloBot:Schedule</c>; stores nothing.
    /// </summary>
    public static IServiceCollection AddMaturity(this IServiceCollection services)
    {
        if (!services.TryAddCapability<MaturityCommand>())
            return services;
        services.AddOptions();
        services.AddSingleton<MaturityEvidenceReader>();
        services.AddCommand<MaturityCommand>();
        services.AddCommand<ReadinessCommand>();
        services.AddQuestionnaire(MaturityQuestionnaires.Maturity());
        services.AddQuestionnaire(MaturityQuestionnaires.Readiness());
        return services;
    }
}
