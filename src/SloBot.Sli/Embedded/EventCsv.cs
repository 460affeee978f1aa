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
    private const int MaxErrors = 20;

    public static (IReadOnlyList<MinuteCounts> Rows, IReadOnlyList<string> Errors) Parse(TextReader reader)
    {
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

            var error = TryRow(cells, index, out var row);
            if (error is null)
                rows.Add(row);
            else
                errors.Add($"line {lineNumber}: {error}");
        }

        return (rows, errors);
    }

    private static string? TryRow(string[] cells, Dictionary<string, int> index, out MinuteCounts row)
    {
        row = default;
        var ts = cells[index["timestamp"]];
        if (!TryTimestamp(ts, out var at))
            return $"timestamp '{ts}' is neither ISO-8601 (2026-11-23T14:05:00Z) nor Unix seconds";
        var service = cells[index["service"]];
        var slo = cells[index["slo"]];
        if (service.Length == 0 || slo.Length == 0)
            return "service and slo must not be empty";
        if (!TryCount(cells[index["good"]], out var good))
            return $"good '{cells[index["good"]]}' must be a number ≥ 0";
        if (!TryCount(cells[index["total"]], out var total))
            return $"total '{cells[index["total"]]}' must be a number ≥ 0";
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
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value >= 0 && double.IsFinite(value);
}
