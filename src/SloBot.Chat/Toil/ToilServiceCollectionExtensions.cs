using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.Capabilities;
using SloBot.Chat.Commands;
using SloBot.Chat.Teams;

namespace SloBot.Chat.Toil;

public static class ToilServiceCollectionExtensions
{
    /// <summary>
    /// <c>/slo toil add|list|remove</c>; <c>SloBot:Teams</c> of <paramref name="configuration"/> (<c>AddTeams</c>). Store contract:
    /// <see cref="IToilStore"/> (memory unless SloBot.Storage fulfils it).
    /// </summary>
    public static IServiceCollection AddToil(this IServiceCollection services, IConfiguration? configuration = null)
    {
        if (!services.TryAddCapability<ToilListCommand>())
            return services;
        services.AddTeams(configuration);
        services.TryAddSingleton<IToilStore, InMemoryToilStore>();
        services.AddCommand<ToilAddCommand>();
        services.AddCommand<ToilListCommand>();
        services.AddCommand<ToilRemoveCommand>();
        return services;
    }
}
