using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SloBot.Chat.Roles;

internal static class RoleServiceCollectionExtensions
{
    /// <summary>
    /// <c>SloBot:Roles</c> bound from the host's IConfiguration when there is one (tests without configuration get
    /// empty roles), validated at start.
    /// </summary>
    public static IServiceCollection AddSloRoles(this IServiceCollection services)
    {
        services.TryAddSingleton<SloRoles>();
        services.AddOptions<RoleOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<RoleOptions>, BindRoles>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RoleOptions>, ValidateRoles>());
        return services;
    }

    private sealed class BindRoles(IServiceProvider services) : IConfigureOptions<RoleOptions>
    {
        public void Configure(RoleOptions options) => services.GetService<IConfiguration>()?.GetSection(RoleOptions.Section).Bind(options);
    }

    private sealed class ValidateRoles : IValidateOptions<RoleOptions>
    {
        public ValidateOptionsResult Validate(string? name, RoleOptions options) =>
            options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
