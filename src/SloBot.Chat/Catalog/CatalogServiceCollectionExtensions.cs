using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Capabilities;
using SloBot.Chat.Commands;

namespace SloBot.Chat.Catalog;

public static class CatalogServiceCollectionExtensions
{
    /// <summary><c>/slo catalog</c>: what the loaded catalog holds and refused (the catalog itself is the host's).</summary>
    public static IServiceCollection AddCatalogCommand(this IServiceCollection services)
    {
        if (services.TryAddCapability<CatalogCommand>())
            services.AddCommand<CatalogCommand>();
        return services;
    }
}
