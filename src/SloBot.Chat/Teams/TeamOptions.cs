using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace SloBot.Chat.Teams;

/// <summary>
/// <c>SloBot:Teams:&lt;team&gt;</c>: what SloBot cannot know of a team. <c>CapacityHours</c> is the default of
/// <c>/slo balance capacity=</c>, <c>Size</c> the default of <c>/slo toil … team-size=</c>.
/// </summary>
public sealed class TeamOptions
{
    /// <summary>The options' section: <see cref="Teams"/> is <c>SloBot:Teams</c>, a map of team names (how the host knows the keys).</summary>
    public const string Section = "SloBot";

    /// <summary>Where the teams are: <c>SloBot:Teams:&lt;team&gt;:…</c>.</summary>
    public const string TeamsSection = "SloBot:Teams";

    public Dictionary<string, TeamSettings> Teams { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The keys a team may have (anything else is named by the validator).</summary>
    public static readonly string[] Keys = [nameof(TeamSettings.CapacityHours), nameof(TeamSettings.Size)];

    /// <summary>Reads the section leniently: a value that does not parse is left out here and named by <see cref="TeamOptionsValidator"/>.</summary>
    public void ReadFrom(IConfiguration configuration)
    {
        foreach (var team in configuration.GetSection(TeamsSection).GetChildren())
        {
            var settings = new TeamSettings();
            if (CapacityHours(team[nameof(TeamSettings.CapacityHours)]) is { } hours)
                settings.CapacityHours = hours;
            if (Size(team[nameof(TeamSettings.Size)]) is { } size)
                settings.Size = size;
            Teams[team.Key] = settings;
        }
    }

    /// <summary>Hours above zero, or null.</summary>
    public static double? CapacityHours(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var h) && double.IsFinite(h) && h > 0 && h <= MaxCapacityHours ? h : null;

    /// <summary>People, 1 or more, or null.</summary>
    public static int? Size(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxSize ? n : null;

    /// <summary>A million hours: beyond that a capacity is a typo.</summary>
    public const double MaxCapacityHours = 1_000_000;

    public const int MaxSize = 10_000;
}

/// <summary>One team's settings.</summary>
public sealed class TeamSettings
{
    /// <summary>Engineering hours to split between features and reliability (per week, sprint or quarter: the split is a share of whatever is given).</summary>
    public double? CapacityHours { get; set; }

    /// <summary>Engineers in the team (the toil budget's 40 hours a week each).</summary>
    public int? Size { get; set; }
}
