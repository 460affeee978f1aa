using SloBot.Chat.Schedules;

namespace SloBot.Chat.Alerts;

/// <summary><c>SloBot:Alerts</c>: burn-rate alerts posted to a channel (off until <see cref="Channel"/> is set).</summary>
public sealed class AlertOptions
{
    public const string Section = "SloBot:Alerts";

    /// <summary><c>slack:C0123ABCD</c> or <c>discord:123…</c>; empty: no alert posts.</summary>
    public string Channel { get; set; } = "";

    /// <summary>How often burn rates are checked. Default one minute (the embedded store's resolution).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Null when valid, else the reason naming the key.</summary>
    public string? Problem()
    {
        if (!string.IsNullOrWhiteSpace(Channel) && ScheduledPost.ParseChannel(Channel) is not { Platform: "slack" or "discord" or "console" })
            return $"{Section}:Channel '{Channel}' must be platform:channel, e.g. slack:C0123ABCD or discord:123456789012345678.";
        if (Interval < TimeSpan.FromSeconds(10))
            return $"{Section}:Interval must be at least 10 seconds (e.g. \"00:01:00\").";
        return null;
    }
}
