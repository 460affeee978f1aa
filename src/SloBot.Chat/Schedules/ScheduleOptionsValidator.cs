using Cronos;
using Microsoft.Extensions.Options;
using SloBot.Chat.Delivery;
using SloBot.Core.Text;

namespace SloBot.Chat.Schedules;

/// <summary>
/// Names every wrong key of <c>SloBot:Schedule</c> with what was expected (and a did-you-mean); channels must be on a
/// registered platform (<see cref="ChatPlatforms"/>). Keys that are no post at all
/// (<c>SloBot:Schedule:WeeklyReveiw</c>) are named by the host, which knows every key.
/// </summary>
internal sealed class ScheduleOptionsValidator(ChatPlatforms platforms) : IValidateOptions<ScheduleOptions>
{

    public ValidateOptionsResult Validate(string? name, ScheduleOptions options)
    {
        var errors = new List<string>();
        CheckZone(errors, $"{ScheduleOptions.Section}:TimeZone", options.TimeZone);
        foreach (var kind in Enum.GetValues<ScheduledPostKind>())
        {
            var o = options.For(kind);
            var key = $"{ScheduleOptions.Section}:{kind}";
            if (string.IsNullOrWhiteSpace(o.Channel))
                continue;
            if (ChannelSetting.Problem($"{key}:Channel", o.Channel, platforms) is { } channel)
                errors.Add(channel);
            if (o.Cron is { } cron)
            {
                try
                {
                    CronExpression.Parse(cron);
                }
                catch (CronFormatException ex)
                {
                    errors.Add($"{key}:Cron '{cron}' is not a five-field cron expression ({ex.Message}); e.g. \"{ScheduleOptions.DefaultCron(kind)}\".");
                }
            }

            if (o.TimeZone is { } zone)
                CheckZone(errors, $"{key}:TimeZone", zone);
            if (o.Grace is { } grace && grace < TimeSpan.Zero)
                errors.Add($"{key}:Grace must not be negative (e.g. \"12:00:00\").");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckZone(List<string> errors, string key, string zone)
    {
        if (TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            return;
        var ids = TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id);
        errors.Add($"{key} '{zone}' is not a known time zone{Hint(zone, ids)} Use an IANA id such as UTC, Europe/London or America/New_York.");
    }

    private static string Hint(string input, IEnumerable<string> candidates) =>
        DidYouMean.HintOr(".", input, candidates);
}
