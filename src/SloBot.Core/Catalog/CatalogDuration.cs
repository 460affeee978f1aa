using System.Globalization;
using System.Text.RegularExpressions;

namespace SloBot.Core.Catalog;

/// <summary>OpenSLO duration shorthand for rolling windows: an integer and one of m, h, d, w ("28d", "4w").</summary>
internal static partial class CatalogDuration
{
    public const string Expected = "a rolling duration such as 30d, 28d, 4w or 12h (units m, h, d, w)";

    /// <summary>Parses the duration, or returns why not. Calendar units (M, Q, Y) are rejected, not approximated.</summary>
    public static (TimeSpan? Window, string? Error) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return (null, $"is missing; expected {Expected}");
        var match = Shorthand().Match(text.Trim());
        if (!match.Success)
            return (null, $"'{text}' is not {Expected}");
        var n = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var unit = match.Groups[2].Value;
        TimeSpan? window = unit switch
        {
            "m" => TimeSpan.FromMinutes(n),
            "h" => TimeSpan.FromHours(n),
            "d" => TimeSpan.FromDays(n),
            "w" => TimeSpan.FromDays(7 * n),
            _ => null,
        };
        if (window is null)
        {
            return (null, $"'{text}': calendar units (M, Q, Y) have no fixed length and are not supported; " +
                          "use a rolling window in days or weeks, e.g. 30d or 4w");
        }

        return window.Value > TimeSpan.Zero ? (window, null) : (null, $"'{text}' must be longer than zero");
    }

    [GeneratedRegex("^([0-9]+)([mhdwMQY])$", RegexOptions.CultureInvariant)]
    private static partial Regex Shorthand();
}
