using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Capabilities;
using SloBot.Chat.Commands;

namespace SloBot.Chat.Journeys;

public static class JourneyServiceCollectionExtensions
{
    /// <summary><c>/slo journeys</c> and <c>/slo journey</c>: user-journey templates and their SLIs.</summary>
    public static IServiceCollection AddJourneys(this IServiceCollection services)
    {
        if (!services.TryAddCapability<JourneyCommand>())
            return services;
        services.AddCommand<JourneysCommand>();
        services.AddCommand<JourneyCommand>();
        return services;
    }
}
