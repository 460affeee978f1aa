using SloBot.Chat.Tiers;
using SloBot.Core.Tiers;

namespace SloBot.Storage.Tiers;

/// <summary>Adopted tiers in the state store: one row per service (the last adoption wins), so they survive restarts.</summary>
internal sealed class SqlTierAdoptions(Database database) : ITierAdoptions
{
    public const string MigrationId = "tiers/001_tier_adoptions";

    /// <summary>The id main used before migrations were named per capability.</summary>
    public const string LegacyMigrationId = "009_tier_adoptions";

    public const string Schema = """
        CREATE TABLE tier_adoptions (
            service_key TEXT PRIMARY KEY,
            service TEXT NOT NULL,
            tier TEXT NOT NULL,
            adopted_by TEXT NOT NULL,
            adopted_at BIGINT NOT NULL
        );
        """;

    public async Task<TierAdoption?> FindAsync(string service, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command("SELECT service, tier, adopted_by, adopted_at FROM tier_adoptions WHERE service_key = @key");
        cmd.AddParameter("@key", service.Trim().ToLowerInvariant());
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            return null;
        if (!ServiceTierNames.TryParse(reader.GetString(1), out var tier))
            return null; // written by a newer version with a tier this one does not know
        return new TierAdoption(reader.GetString(0), tier, reader.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)));
    }

    public async Task AdoptAsync(TierAdoption adoption, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command(
            "INSERT INTO tier_adoptions (service_key, service, tier, adopted_by, adopted_at) VALUES (@key, @service, @tier, @by, @at) " +
            "ON CONFLICT (service_key) DO UPDATE SET service = excluded.service, tier = excluded.tier, adopted_by = excluded.adopted_by, adopted_at = excluded.adopted_at");
        cmd.AddParameter("@key", adoption.Service.Trim().ToLowerInvariant())
            .AddParameter("@service", adoption.Service)
            .AddParameter("@tier", adoption.Tier.ToWord())
            .AddParameter("@by", adoption.AdoptedBy)
            .AddParameter("@at", adoption.AdoptedAt.ToUnixTimeMilliseconds());
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
