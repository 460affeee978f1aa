namespace SloBot.Storage;

/// <summary>
/// One schema step, applied once and in order of <see cref="Id"/> ("002_conversations"). Each feature registers
/// its own with <c>services.AddStorageMigration(...)</c>. Write provider-neutral SQL (TEXT, INTEGER, REAL,
/// BIGINT; no AUTOINCREMENT), or give a PostgreSQL variant.
/// </summary>
public sealed record StorageMigration(string Id, string Sql, string? PostgreSql = null);
