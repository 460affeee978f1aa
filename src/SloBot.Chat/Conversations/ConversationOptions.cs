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
}
