namespace SloBot.Storage;

/// <summary>
/// One schema step of one capability, applied once. Named after its capability, numbered within it
/// ("retrospectives/001_retrospectives"); a capability's migrations touch only its own tables, so capabilities
/// apply in any order and each in the order of its numbers. Write provider-neutral SQL (TEXT, INTEGER, REAL,
/// BIGINT; no AUTOINCREMENT), or give a PostgreSQL variant.
/// </summary>
/// <remarks>
/// <see cref="Replaces"/> is the id the same SQL had under the old global numbering ("005_conversations"): a
/// database where that id is applied records this one as applied without running it again.
/// </remarks>
public sealed record StorageMigration(string Id, string Sql, string? PostgreSql = null)
{
    public string? Replaces { get; init; }
}
