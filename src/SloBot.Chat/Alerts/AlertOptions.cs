namespace SloBot.Chat.Alerts;

/// <summary><c>SloBot:Alerts</c>: burn-rate alerts posted to a channel (off until <see cref="Channel"/> is set).</summary>
public sealed class AlertOptions
{
    public const string Section = "SloBot:Alerts";

    /// <summary><c>slack:C0123ABCD</c> or <c>discord:123…</c>; empty: no alert posts.</summary>
    public string Channel { get; set; } = "";

    /// <summary>How often burn rates are checked. Default one minute (the embedded store's resolution).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}
