using System.Globalization;
using Humanizer;

namespace SloBot.Chat.Teams;

/// <summary>How the team commands' figures read to a person.</summary>
internal static class TeamFormat
{
    /// <summary>Working hours, Humanized to hours and minutes: "280 hours", "7 hours, 30 minutes", "no time".</summary>
    public static string Hours(double hours) => TimeSpan.FromHours(hours).Humanize(precision: 2, maxUnit: TimeUnit.Hour, minUnit: TimeUnit.Minute);

    /// <summary>A percentage already in percent: "99.93 %".</summary>
    public static string Percent(double percent) => percent.ToString("0.###", CultureInfo.InvariantCulture) + " %";

    /// <summary>Percentage points with their sign: "+0.08 points", "−0.4 points".</summary>
    public static string Points(double points) =>
        (points < 0 ? "−" : "+") + Math.Abs(points).ToString("0.###", CultureInfo.InvariantCulture) + " points";
}
