using System.Globalization;
using System.Text.RegularExpressions;

namespace SloBot.Core.Planning;

/// <summary>
/// A calendar quarter (seed 004 §Quarterly SLO Planning): Q1 is January–March. Its bounds are local midnights in a time
/// zone (<c>SloBot:Conversations:TimeZone</c>), so a quarter is 90 to 92 days, an hour more or less over a DST change.
/// </summary>
public readonly partial record struct Quarter(int Year, int Number) : IComparable<Quarter>
{
    public const int MinYear = 2000;

    public const int MaxYear = 2999;

    /// <summary>The quarter that contains <paramref name="instant"/> in <paramref name="zone"/>.</summary>
    public static Quarter Containing(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return new Quarter(local.Year, ((local.Month - 1) / 3) + 1);
    }

    /// <summary>What <c>/slo plan</c> plans without an argument: the calendar quarter after the one <paramref name="now"/> is in.</summary>
    public static Quarter NextAfter(DateTimeOffset now, TimeZoneInfo zone) => Containing(now, zone).Next;

    public Quarter Next => Number == 4 ? new Quarter(Year + 1, 1) : new Quarter(Year, Number + 1);

    public Quarter Previous => Number == 1 ? new Quarter(Year - 1, 4) : new Quarter(Year, Number - 1);

    /// <summary>Local midnight of the quarter's first day as an instant; a midnight skipped by DST moves forward, an ambiguous one is the first.</summary>
    public DateTimeOffset Start(TimeZoneInfo zone) => LocalInstant(new DateTime(Year, ((Number - 1) * 3) + 1, 1, 0, 0, 0, DateTimeKind.Unspecified), zone);

    /// <summary>The next quarter's start (exclusive).</summary>
    public DateTimeOffset End(TimeZoneInfo zone) => Next.Start(zone);

    public TimeSpan Length(TimeZoneInfo zone) => End(zone) - Start(zone);

    /// <summary>"2027-Q1": what <c>/slo plan</c> takes and documents are keyed by.</summary>
    public override string ToString() => $"{Year.ToString(CultureInfo.InvariantCulture)}-Q{Number.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>"Q1 2027", as people write it.</summary>
    public string Label => $"Q{Number.ToString(CultureInfo.InvariantCulture)} {Year.ToString(CultureInfo.InvariantCulture)}";

    public int CompareTo(Quarter other) => (Year, Number).CompareTo((other.Year, other.Number));

    public static bool operator <(Quarter a, Quarter b) => a.CompareTo(b) < 0;

    public static bool operator >(Quarter a, Quarter b) => a.CompareTo(b) > 0;

    public static bool operator <=(Quarter a, Quarter b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Quarter a, Quarter b) => a.CompareTo(b) >= 0;

    /// <summary>
    /// "2027-Q1", "2027Q1", "Q1-2027", "Q1 2027", "q1/2027", or "Q1" alone: the first Q1 that has not ended at
    /// <paramref name="now"/> in <paramref name="zone"/>. False for anything else, or a year outside 2000–2999.
    /// </summary>
    public static bool TryParse(string? text, DateTimeOffset now, TimeZoneInfo zone, out Quarter quarter)
    {
        quarter = default;
        var m = Pattern().Match(text?.Trim() ?? "");
        if (!m.Success)
            return false;
        var number = int.Parse(m.Groups["q1"].Success ? m.Groups["q1"].Value : m.Groups["q2"].Value, CultureInfo.InvariantCulture);
        var yearText = m.Groups["y1"].Success ? m.Groups["y1"].Value : m.Groups["y2"].Value;
        if (yearText.Length == 0)
        {
            var current = Containing(now, zone);
            quarter = new Quarter(number >= current.Number ? current.Year : current.Year + 1, number);
            return true;
        }

        var year = int.Parse(yearText, CultureInfo.InvariantCulture);
        if (year is < MinYear or > MaxYear)
            return false;
        quarter = new Quarter(year, number);
        return true;
    }

    private static DateTimeOffset LocalInstant(DateTime local, TimeZoneInfo zone)
    {
        while (zone.IsInvalidTime(local))
            local = local.AddMinutes(15);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    [GeneratedRegex(@"^(?:(?<y1>\d{4})\s*[-/ ]?\s*[Qq](?<q1>[1-4])|[Qq](?<q2>[1-4])(?:\s*[-/ ]?\s*(?<y2>\d{4}))?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
