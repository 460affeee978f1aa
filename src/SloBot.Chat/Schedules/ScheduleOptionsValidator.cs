using Cronos;
using Microsoft.Extensions.Options;
using SloBot.Core.Text;

namespace SloBot.Chat.Schedules;

/// <summary>
/// Names every wrong key of <c>SloBot:Schedule</c> with what was expected (and a did-you-mean). Keys that are no post at all
/// (<c>SloBot:Schedule:WeeklyReveiw</c>) are named by the host, which knows every key.
/// </summary>
internal sealed class ScheduleOptionsValidator : IValidateOptions<ScheduleOptions>
{
    private static readonly string[] Platforms = ["slack", "discord", "console"];

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
            if (ScheduledPost.ParseChannel(o.Channel) is not { } channel)
                errors.Add($"{key}:Channel '{o.Channel}' must be platform:channel, e.g. slack:C0123ABCD or discord:123456789012345678.");
            else if (!Platforms.Contains(channel.Platform))
                errors.Add($"{key}:Channel names platform '{channel.Platform}'{Hint(channel.Platform, Platforms)} Platforms: slack, discord, console.");
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
