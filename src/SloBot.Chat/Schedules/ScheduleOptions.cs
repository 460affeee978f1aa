using Cronos;

namespace SloBot.Chat.Schedules;

/// <summary>The posts SloBot makes on its own: the Monday review and the stakeholder summaries of seed 004.</summary>
public enum ScheduledPostKind
{
    /// <summary>The week's SLO status with a "Start review" button (weekly).</summary>
    WeeklyReview,

    /// <summary>Business impact, trends and risks (monthly).</summary>
    Executives,

    /// <summary>Error budgets, release decisions and feature velocity (weekly).</summary>
    Product,

    /// <summary>Current status, incidents and action items (daily, working days).</summary>
    Engineering,

    /// <summary>The customers' status page: availability of the listed services, incidents and resolutions (weekly by default).</summary>
    Customers,
}

/// <summary>One scheduled post: on when <see cref="Channel"/> is set.</summary>
public sealed class ScheduledPostOptions
{
    /// <summary>Where to post: <c>slack:C0123ABCD</c> or <c>discord:123456789012345678</c>. Empty: this post is off.</summary>
    public string Channel { get; set; } = "";

    /// <summary>Five-field cron in <see cref="TimeZone"/> (default per post: see <see cref="ScheduleOptions.DefaultCron"/>).</summary>
    public string? Cron { get; set; }

    /// <summary>IANA zone of the cron; default <c>SloBot:Schedule:TimeZone</c>.</summary>
    public string? TimeZone { get; set; }

    /// <summary>How late a post may still go out (after a restart or an outage); older ones are skipped and logged.</summary>
    public TimeSpan? Grace { get; set; }
}

/// <summary><c>SloBot:Schedule</c>: <c>TimeZone</c> and one section per <see cref="ScheduledPostKind"/>.</summary>
public sealed class ScheduleOptions
{
    public const string Section = "SloBot:Schedule";

    /// <summary>IANA zone the crons are read in unless a post names its own. Default UTC.</summary>
    public string TimeZone { get; set; } = "UTC";

    public ScheduledPostOptions WeeklyReview { get; set; } = new();

    public ScheduledPostOptions Executives { get; set; } = new();

    public ScheduledPostOptions Product { get; set; } = new();

    public ScheduledPostOptions Engineering { get; set; } = new();

    public ScheduledPostOptions Customers { get; set; } = new();

    /// <summary>
    /// Seed 004's frequencies at 09:00 local: review and product weekly on Monday, executives on the 1st, engineering on
    /// working days; customers' is "as needed" in the document, weekly on Monday here (set its cron for another rhythm).
    /// </summary>
    public static string DefaultCron(ScheduledPostKind kind) => kind switch
    {
        ScheduledPostKind.Executives => "0 9 1 * *",
        ScheduledPostKind.Engineering => "0 9 * * MON-FRI",
        _ => "0 9 * * MON",
    };

    /// <summary>A weekly or monthly post may be up to 12 hours late; a daily one 2 hours.</summary>
    public static TimeSpan DefaultGrace(ScheduledPostKind kind) => kind == ScheduledPostKind.Engineering ? TimeSpan.FromHours(2) : TimeSpan.FromHours(12);

    public ScheduledPostOptions For(ScheduledPostKind kind) => kind switch
    {
        ScheduledPostKind.WeeklyReview => WeeklyReview,
        ScheduledPostKind.Executives => Executives,
        ScheduledPostKind.Product => Product,
        ScheduledPostKind.Customers => Customers,
        _ => Engineering,
    };

    /// <summary>The posts that are on, resolved (cron parsed, zone found). Call after validation.</summary>
    public IReadOnlyList<ScheduledPost> Posts() =>
        Enum.GetValues<ScheduledPostKind>()
            .Where(k => !string.IsNullOrWhiteSpace(For(k).Channel))
            .Select(k =>
            {
                var o = For(k);
                var (platform, channel) = ScheduledPost.ParseChannel(o.Channel)!.Value;
                return new ScheduledPost(
                    k,
                    o.Cron ?? DefaultCron(k),
                    CronExpression.Parse(o.Cron ?? DefaultCron(k)),
                    TimeZoneInfo.FindSystemTimeZoneById(o.TimeZone ?? TimeZone),
                    new Events.ConversationKey(platform, channel),
                    o.Grace ?? DefaultGrace(k));
            })
            .ToArray();
}

/// <summary>A post that is on: what, when (cron in a zone), where, and how late it may still go out.</summary>
public sealed record ScheduledPost(ScheduledPostKind Kind, string CronText, CronExpression Cron, TimeZoneInfo Zone, Events.ConversationKey Channel, TimeSpan Grace)
{
    /// <summary>The ledger's name for it: "weekly-review", "executives" …</summary>
    public string Job => Kind == ScheduledPostKind.WeeklyReview ? "weekly-review" : Kind.ToString().ToLowerInvariant();

    public static (string Platform, string Channel)? ParseChannel(string text)
    {
        var parts = text.Split(':', 2, StringSplitOptions.TrimEntries);
        return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0 ? (parts[0].ToLowerInvariant(), parts[1]) : null;
    }
}
