using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Capabilities;
using SloBot.Chat.Commands;

namespace SloBot.Chat.Roles;

public static class RolesCommandServiceCollectionExtensions
{
    /// <summary><c>/slo roles [service]</c>. The roles themselves (<see cref="SloRoles"/>, <c>SloBot:Roles</c>) are the kernel's (<c>AddSloBotChat</c>).</summary>
    public static IServiceCollection AddRolesCommand(this IServiceCollection services)
    {
        if (!services.TryAddCapability<RolesCommand>())
            return services;
        services.AddSloRoles();
        services.AddCommand<RolesCommand>();
        return services;
    }
}
