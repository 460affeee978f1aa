using System.Collections.Concurrent;
using SloBot.Core.Tiers;

namespace SloBot.Chat.Tiers;

/// <summary>A tier an owner adopted with the "Adopt tier" button; it overrides the catalog's tier from then on.</summary>
public sealed record TierAdoption(string Service, ServiceTier Tier, string AdoptedBy, DateTimeOffset AdoptedAt);

/// <summary>Where adopted tiers are kept. The default keeps them in memory; a persistent store replaces it.</summary>
public interface ITierAdoptions
{
    Task<TierAdoption?> FindAsync(string service, CancellationToken cancellationToken);

    Task AdoptAsync(TierAdoption adoption, CancellationToken cancellationToken);
}

/// <summary>Adoptions for the life of the process (until a persistent store is registered instead).</summary>
internal sealed class InMemoryTierAdoptions : ITierAdoptions
{
    private readonly ConcurrentDictionary<string, TierAdoption> _adoptions = new(StringComparer.OrdinalIgnoreCase);

    public Task<TierAdoption?> FindAsync(string service, CancellationToken cancellationToken) =>
        Task.FromResult(_adoptions.GetValueOrDefault(service));

    public Task AdoptAsync(TierAdoption adoption, CancellationToken cancellationToken)
    {
        _adoptions[adoption.Service] = adoption;
        return Task.CompletedTask;
    }
}

public static class TierAdoptionExtensions
{
    /// <summary>The tier SloBot should use for a service: the adopted one, else the catalog's, else none.</summary>
    public static async Task<(ServiceTier? Tier, string Source)> EffectiveTierAsync(
        this ITierAdoptions adoptions, string service, string? catalogTier, CancellationToken cancellationToken)
    {
        if (await adoptions.FindAsync(service, cancellationToken).ConfigureAwait(false) is { } adopted)
            return (adopted.Tier, "adopted");
        if (ServiceTierNames.TryParse(catalogTier, out var tier))
            return (tier, "catalog");
        return (null, "none");
    }
}
