namespace SloBot.Chat.Conversations;

/// <summary><c>SloBot:Conversations</c>: idle reminders, abandonment and the zone lenient times are read in.</summary>
public sealed class ConversationOptions
{
    public const string Section = "SloBot:Conversations";

    /// <summary><c>SloBot:Conversations:RemindAfter</c>: idle time before one reminder is posted in the thread.</summary>
    public TimeSpan RemindAfter { get; set; } = TimeSpan.FromHours(4);

    /// <summary><c>SloBot:Conversations:AbandonAfter</c>: idle time before the conversation is closed as abandoned (resumable).</summary>
    public TimeSpan AbandonAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary><c>SloBot:Conversations:SweepInterval</c>: how often idle conversations are looked for.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary><c>SloBot:Conversations:TimeZone</c>: IANA zone for times typed without one ("14:00-16:15"). Default UTC.</summary>
    public string TimeZone { get; set; } = "UTC";

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>Null when valid, else the reason naming the key.</summary>
    public string? Problem()
    {
        if (RemindAfter <= TimeSpan.Zero)
            return "SloBot:Conversations:RemindAfter must be positive (e.g. \"04:00:00\").";
        if (AbandonAfter <= RemindAfter)
            return "SloBot:Conversations:AbandonAfter must be longer than RemindAfter (e.g. \"3.00:00:00\").";
        if (SweepInterval <= TimeSpan.Zero)
            return "SloBot:Conversations:SweepInterval must be positive (e.g. \"00:01:00\").";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
            return $"SloBot:Conversations:TimeZone '{TimeZone}' is not a known time zone id (e.g. \"UTC\", \"Europe/London\").";
        return null;
    }
}
