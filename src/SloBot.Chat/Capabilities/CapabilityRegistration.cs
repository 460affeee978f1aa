using Microsoft.Extensions.DependencyInjection;

namespace SloBot.Chat.Capabilities;

/// <summary>
/// Lets a capability's <c>AddXxx</c> run its registrations once, so a capability that builds on another
/// (retrospectives on action items) can call that one's <c>AddXxx</c> without doubling its commands.
/// </summary>
public static class CapabilityRegistration
{
    /// <summary>True the first time <typeparamref name="TCapability"/> is added to <paramref name="services"/>.</summary>
    public static bool TryAddCapability<TCapability>(this IServiceCollection services)
        where TCapability : class
    {
        if (services.Any(d => d.ServiceType == typeof(CapabilityMarker<TCapability>)))
            return false;
        services.AddSingleton<CapabilityMarker<TCapability>>();
        return true;
    }

    private sealed class CapabilityMarker<T>;
}
