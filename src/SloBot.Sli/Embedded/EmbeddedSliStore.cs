using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;

namespace SloBot.Sli.Embedded;

/// <summary>
/// SloBot's own SLI store: per-minute good/total counts in SQLite, rolled up into hours and days on write, so
/// any window is a handful of rows. A window ending at <c>end</c> counts the whole minutes in
/// [⌈end − window⌉, ⌊end⌋) — the samples Prometheus's <c>increase()</c> reads for counters scraped on the minute.
/// </summary>
public sealed partial class EmbeddedSliStore : ISliSource, IDisposable
{
    private const string CountSql = """
        SELECT COALESCE(SUM(good), 0), COALESCE(SUM(total), 0), COUNT(*) FROM (
          SELECT good, total FROM sli_day WHERE slo = $s AND t >= $d0 AND t < $d1
          UNION ALL SELECT good, total FROM sli_hour WHERE slo = $s AND t >= $h0 AND t < $h1
          UNION ALL SELECT good, total FROM sli_hour WHERE slo = $s AND t >= $h2 AND t < $h3
          UNION ALL SELECT good, total FROM sli_minute WHERE slo = $s AND t >= $m0 AND t < $m1
          UNION ALL SELECT good, total FROM sli_minute WHERE slo = $s AND t >= $m2 AND t < $m3
          UNION ALL SELECT good, total FROM sli_minute WHERE slo = $s AND t >= $m4 AND t < $m5
          UNION ALL SELECT good, total FROM sli_minute WHERE slo = $s AND t >= $m6 AND t < $m7)
        """;

    private static readonly string[] RangeParameters = ["$d0", "$d1", "$h0", "$h1", "$h2", "$h3", "$m0", "$m1", "$m2", "$m3", "$m4", "$m5", "$m6", "$m7"];

    private readonly string _connectionString;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private volatile bool _schemaReady;

    public EmbeddedSliStore(IOptions<EmbeddedStoreOptions> options)
    {
        _connectionString = options.Value.ConnectionString;
    }

    public async Task<SliCounts> CountAsync(IReadOnlyList<SloDefinition> slos, IReadOnlyList<TimeSpan> windows, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var result = new SliCounts();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = CountCommand(connection);
        foreach (var slo in slos)
        {
            foreach (var window in windows)
                result.Set(slo.Id, window, slo.TimeSlices is null
                    ? await CountAsync(cmd, slo.Id, end - window, end, cancellationToken).ConfigureAwait(false)
                    : await CountSlicesAsync(connection, slo, window, end, cancellationToken).ConfigureAwait(false));
        }

        return result;
    }

    public async Task<IReadOnlyList<EventBucket>> SeriesAsync(SloDefinition slo, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken)
    {
        var ends = HistoryGrid.BucketEnds(start, end, step);
        if (ends.Count == 0)
            return [];
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (slo.TimeSlices is not null)
            return await SliceSeriesAsync(connection, slo, ends, step, cancellationToken).ConfigureAwait(false);
        if (ends.Count > 24)
            return await ScanAsync(connection, slo.Id, ends[0] - step, ends, cancellationToken).ConfigureAwait(false);
        var buckets = new List<EventBucket>(ends.Count);
        await using var cmd = CountCommand(connection);
        foreach (var bucketEnd in ends)
        {
            var (counts, rows) = await CountRowsAsync(cmd, slo.Id, bucketEnd - step, bucketEnd, cancellationToken).ConfigureAwait(false);
            buckets.Add(rows == 0 ? EventBucket.NoData(bucketEnd) : new EventBucket(bucketEnd, counts));
        }

        return buckets;
    }

    /// <summary>
    /// Many buckets: one ordered read of the minutes in range, summed into buckets with the same edges as
    /// <see cref="CountAsync(SqliteCommand, SloId, DateTimeOffset, DateTimeOffset, CancellationToken)"/> (the whole minutes
    /// in [⌈previous end⌉, ⌊end⌋)), instead of one query per bucket.
    /// </summary>
    private static async Task<IReadOnlyList<EventBucket>> ScanAsync(SqliteConnection connection, SloId slo, DateTimeOffset start, IReadOnlyList<DateTimeOffset> ends, CancellationToken cancellationToken)
    {
        var from = new long[ends.Count];
        var to = new long[ends.Count];
        for (var i = 0; i < ends.Count; i++)
        {
            from[i] = TimeRange.Up((i == 0 ? start : ends[i - 1]).ToUnixTimeSeconds(), TimeRange.Minute);
            to[i] = TimeRange.Down(ends[i].ToUnixTimeSeconds(), TimeRange.Minute);
        }

        var good = new double[ends.Count];
        var total = new double[ends.Count];
        var rows = new int[ends.Count];
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT t, good, total FROM sli_minute WHERE slo = $s AND t >= $a AND t < $b ORDER BY t";
        cmd.Parameters.AddWithValue("$s", slo.ToString());
        cmd.Parameters.AddWithValue("$a", from[0]);
        cmd.Parameters.AddWithValue("$b", to[^1]);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var k = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var t = reader.GetInt64(0);
            while (k < ends.Count && t >= to[k])
                k++;
            if (k == ends.Count)
                break;
            if (t >= from[k])
            {
                good[k] += reader.GetDouble(1);
                total[k] += reader.GetDouble(2);
                rows[k]++;
            }
        }

        return ends.Select((e, i) => rows[i] == 0 ? EventBucket.NoData(e) : new EventBucket(e, new EventCounts(good[i], total[i]))).ToArray();
    }

    /// <summary>Stores minutes: <paramref name="add"/> adds to what is there (push), otherwise replaces it (import, idempotent).</summary>
    public async Task WriteAsync(IEnumerable<MinuteCounts> minutes, bool add, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var spans = new Dictionary<string, (long From, long To)>(StringComparer.Ordinal);
        await using (var upsert = connection.CreateCommand())
        {
            upsert.Transaction = tx;
            upsert.CommandText = add
                ? "INSERT INTO sli_minute (slo, t, good, total) VALUES ($s, $t, $g, $n) ON CONFLICT (slo, t) DO UPDATE SET good = good + excluded.good, total = total + excluded.total"
                : "INSERT INTO sli_minute (slo, t, good, total) VALUES ($s, $t, $g, $n) ON CONFLICT (slo, t) DO UPDATE SET good = excluded.good, total = excluded.total";
            var s = upsert.Parameters.Add("$s", SqliteType.Text);
            var t = upsert.Parameters.Add("$t", SqliteType.Integer);
            var g = upsert.Parameters.Add("$g", SqliteType.Real);
            var n = upsert.Parameters.Add("$n", SqliteType.Real);
            foreach (var m in minutes)
            {
                var key = m.Slo.ToString();
                var minute = TimeRange.Down(m.Minute.ToUnixTimeSeconds(), TimeRange.Minute);
                (s.Value, t.Value, g.Value, n.Value) = (key, minute, m.Good, m.Total);
                await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                var hour = TimeRange.Down(minute, TimeRange.Hour);
                spans[key] = spans.TryGetValue(key, out var span) ? (Math.Min(span.From, hour), Math.Max(span.To, hour + TimeRange.Hour)) : (hour, hour + TimeRange.Hour);
            }
        }

        foreach (var (slo, (from, to)) in spans)
        {
            await RollUpAsync(connection, tx, "sli_hour", "sli_minute", TimeRange.Hour, slo, from, to, cancellationToken).ConfigureAwait(false);
            await RollUpAsync(connection, tx, "sli_day", "sli_hour", TimeRange.Day, slo, TimeRange.Down(from, TimeRange.Day), TimeRange.Up(to, TimeRange.Day), cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A small named value kept with the data (the demo's anchor).</summary>
    public async Task<string?> GetMetaAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT value FROM sli_meta WHERE key = $k";
        cmd.Parameters.AddWithValue("$k", key);
        return await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task SetMetaAsync(string key, string value, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "INSERT OR REPLACE INTO sli_meta (key, value) VALUES ($k, $v)";
        cmd.Parameters.AddWithValue("$k", key);
        cmd.Parameters.AddWithValue("$v", value);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _schemaLock.Dispose();

    /// <summary>Recomputes the roll-up rows of one SLO in [from, to) from the finer table.</summary>
    private static async Task RollUpAsync(SqliteConnection connection, SqliteTransaction tx, string table, string source, long unit, string slo, long from, long to, CancellationToken cancellationToken)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT OR REPLACE INTO {table} (slo, t, good, total) SELECT slo, t - (t % {unit}), SUM(good), SUM(total) FROM {source} WHERE slo = $s AND t >= $from AND t < $to GROUP BY slo, t - (t % {unit})";
        cmd.Parameters.AddWithValue("$s", slo);
        cmd.Parameters.AddWithValue("$from", from);
        cmd.Parameters.AddWithValue("$to", to);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static SqliteCommand CountCommand(SqliteConnection connection)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = CountSql;
        cmd.Parameters.Add("$s", SqliteType.Text);
        foreach (var p in RangeParameters)
            cmd.Parameters.Add(p, SqliteType.Integer);
        return cmd;
    }

    private static async Task<EventCounts> CountAsync(SqliteCommand cmd, SloId slo, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken) =>
        (await CountRowsAsync(cmd, slo, start, end, cancellationToken).ConfigureAwait(false)).Counts;

    /// <summary>The counts in the whole minutes of [start, end), and how many stored rows they came from (0: no data).</summary>
    private static async Task<(EventCounts Counts, long Rows)> CountRowsAsync(SqliteCommand cmd, SloId slo, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var range = new TimeRange(TimeRange.Up(start.ToUnixTimeSeconds(), TimeRange.Minute), TimeRange.Down(end.ToUnixTimeSeconds(), TimeRange.Minute));
        var (days, hours, minutes) = range.Split();
        cmd.Parameters["$s"].Value = slo.ToString();
        SetRanges(cmd, 0, days, 1);
        SetRanges(cmd, 2, hours, 2);
        SetRanges(cmd, 6, minutes, 4);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (new EventCounts(reader.GetDouble(0), reader.GetDouble(1)), reader.GetInt64(2));
    }

    private static void SetRanges(DbCommand cmd, int first, IReadOnlyList<TimeRange> ranges, int slots)
    {
        for (var i = 0; i < slots; i++)
        {
            var r = i < ranges.Count ? ranges[i] : default;
            cmd.Parameters[RangeParameters[first + (2 * i)]].Value = r.Start;
            cmd.Parameters[RangeParameters[first + (2 * i) + 1]].Value = r.End;
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (!_schemaReady)
            await EnsureSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private async Task EnsureSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await _schemaLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
                return;
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = NORMAL;
                CREATE TABLE IF NOT EXISTS sli_minute (slo TEXT NOT NULL, t INTEGER NOT NULL, good REAL NOT NULL, total REAL NOT NULL, PRIMARY KEY (slo, t)) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS sli_hour (slo TEXT NOT NULL, t INTEGER NOT NULL, good REAL NOT NULL, total REAL NOT NULL, PRIMARY KEY (slo, t)) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS sli_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS sli_day (slo TEXT NOT NULL, t INTEGER NOT NULL, good REAL NOT NULL, total REAL NOT NULL, PRIMARY KEY (slo, t)) WITHOUT ROWID;
                """;
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            _schemaReady = true;
        }
        finally
        {
            _schemaLock.Release();
        }
    }
}
