using System.Globalization;
using SloBot.Core.Catalog;

namespace SloBot.Sli.Embedded;

/// <summary>
/// Reads the import format: a header naming the columns <c>timestamp,service,slo,good,total</c> (any order), then one
/// row per SLO and minute. Timestamps are ISO-8601 (UTC when no offset is given) or Unix seconds; a timestamp inside
/// a minute counts for that minute. Either the whole file is valid or nothing is imported.
/// </summary>
public static class EventCsv
{
    public static readonly string[] Columns = ["timestamp", "service", "slo", "good", "total"];

    /// <summary>The largest count imported: 2^53, beyond which a double no longer holds every whole number.</summary>
    public const double MaxCount = 9_007_199_254_740_992;

    /// <summary>The earliest minute imported (the store's range starts here).</summary>
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far past <c>now</c> a row may be dated (clock skew between the source and SloBot).</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(1);

    private const int MaxErrors = 20;

    /// <summary>Parses a whole file. With <paramref name="now"/>, rows dated more than <see cref="MaxAhead"/> after it are refused too.</summary>
    public static (IReadOnlyList<MinuteCounts> Rows, IReadOnlyList<string> Errors) Parse(TextReader reader, DateTimeOffset? now = null)
    {
        var latest = now is { } n ? n + MaxAhead : new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var firstLine = new Dictionary<(string Key, DateTimeOffset Minute), int>();
        var pairs = new Dictionary<string, (SloId Id, int Line)>(StringComparer.Ordinal);
        var rows = new List<MinuteCounts>();
        var errors = new List<string>();
        var header = reader.ReadLine();
        if (header is null)
            return (rows, ["the file is empty; expected a header line: " + string.Join(",", Columns)]);
        var names = header.Split(',').Select(h => h.Trim().Trim('"').ToLowerInvariant()).ToArray();
        var index = Columns.ToDictionary(c => c, c => Array.IndexOf(names, c));
        var missing = index.Where(kv => kv.Value < 0).Select(kv => kv.Key).ToArray();
        if (missing.Length > 0)
            return (rows, [$"line 1: the header lacks {string.Join(", ", missing)}; expected the columns {string.Join(",", Columns)} (found: {header})"]);

        var lineNumber = 1;
        for (var line = reader.ReadLine(); line is not null && errors.Count < MaxErrors; line = reader.ReadLine())
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            var cells = line.Split(',').Select(c => c.Trim().Trim('"')).ToArray();
            if (cells.Length < names.Length)
            {
                errors.Add($"line {lineNumber}: {cells.Length} columns, expected {names.Length}");
                continue;
            }

            var error = TryRow(cells, index, latest, out var row)
                ?? Collision(row, lineNumber, pairs)
                ?? Duplicate(row, lineNumber, firstLine);
            if (error is null)
                rows.Add(row);
            else
                errors.Add($"line {lineNumber}: {error}");
        }

        return (rows, errors);
    }

    /// <summary>Two rows for the same SLO and minute: the store would keep only the last, while the import counted both.</summary>
    private static string? Duplicate(MinuteCounts row, int line, Dictionary<(string, DateTimeOffset), int> firstLine)
    {
        var minute = DateTimeOffset.FromUnixTimeSeconds(row.Minute.ToUnixTimeSeconds() / 60 * 60);
        if (firstLine.TryAdd((row.Slo.ToString(), minute), line))
            return null;
        return $"a second row for {row.Slo} in the minute {minute.UtcDateTime:yyyy-MM-dd HH:mm} UTC (the first is on line {firstLine[(row.Slo.ToString(), minute)]}); give one row per SLO and minute";
    }

    /// <summary>Names are stored joined as service/slo: two different pairs must not join to the same text.</summary>
    private static string? Collision(MinuteCounts row, int line, Dictionary<string, (SloId Id, int Line)> pairs)
    {
        var key = row.Slo.ToString();
        if (!pairs.TryAdd(key, (row.Slo, line)) && pairs[key].Id != row.Slo)
        {
            var other = pairs[key];
            return $"service '{row.Slo.Service}' and slo '{row.Slo.Slo}' join to '{key}', as service '{other.Id.Service}' and slo '{other.Id.Slo}' on line {other.Line} do; "
                + "a '/' in a name makes them the same SLO, rename one";
        }

        return null;
    }

    private static string? TryRow(string[] cells, Dictionary<string, int> index, DateTimeOffset latest, out MinuteCounts row)
    {
        row = default;
        var ts = cells[index["timestamp"]];
        if (!TryTimestamp(ts, out var at))
            return $"timestamp '{ts}' is neither ISO-8601 (2026-11-23T14:05:00Z) nor Unix seconds";
        if (at < Earliest || at > latest)
            return $"timestamp '{ts}' ({at.UtcDateTime:yyyy-MM-dd HH:mm} UTC) is outside the range SloBot stores, {Earliest.UtcDateTime:yyyy-MM-dd} to {latest.UtcDateTime:yyyy-MM-dd HH:mm} UTC (one day past now)";
        var service = cells[index["service"]];
        var slo = cells[index["slo"]];
        if (service.Length == 0 || slo.Length == 0)
            return "service and slo must not be empty";
        if (!TryCount(cells[index["good"]], out var good))
            return $"good '{cells[index["good"]]}' must be a number from 0 to 2^53 ({((long)MaxCount).ToString(CultureInfo.InvariantCulture)})";
        if (!TryCount(cells[index["total"]], out var total))
            return $"total '{cells[index["total"]]}' must be a number from 0 to 2^53 ({((long)MaxCount).ToString(CultureInfo.InvariantCulture)})";
        if (good > total)
            return $"good ({good}) is more than total ({total})";
        row = new MinuteCounts(new SloId(service, slo), at, good, total);
        return null;
    }

    private static bool TryTimestamp(string text, out DateTimeOffset at)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var unix) && unix is > 0 and < 100_000_000_000)
        {
            at = DateTimeOffset.FromUnixTimeSeconds(unix);
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at);
    }

    private static bool TryCount(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value is >= 0 and <= MaxCount;
}
