using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SloBot.Sli.Embedded;

namespace SloBot.Sli;

public static class SliServiceCollectionExtensions
{
    /// <summary>The embedded store, always available (import, push); it is the <c>ISliSource</c> when <c>SloBot:Sli:Source</c> is Embedded.</summary>
    public static IServiceCollection AddEmbeddedSliStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmbeddedStoreOptions>()
            .Configure(o => o.ConnectionString = configuration["SloBot:Storage:ConnectionString"] ?? o.ConnectionString);
        services.AddSingleton<EmbeddedSliStore>();
        return services;
    }
}
