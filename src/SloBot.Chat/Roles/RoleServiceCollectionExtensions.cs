using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SloBot.Chat.Roles;

internal static class RoleServiceCollectionExtensions
{
    /// <summary><c>SloBot:Roles</c> bound from <paramref name="configuration"/> (empty roles without one), validated at start.</summary>
    public static IServiceCollection AddSloRoles(this IServiceCollection services, IConfiguration? configuration = null)
    {
        services.TryAddSingleton<SloRoles>();
        services.TryAddSingleton<Delivery.ChatPlatforms>(); // what ids look like, for the validator's message
        var options = services.AddOptionsWithValidateOnStart<RoleOptions, RoleOptionsValidator>();
        if (configuration is not null)
            options.Bind(configuration.GetSection(RoleOptions.Section));
        return services;
    }
}
