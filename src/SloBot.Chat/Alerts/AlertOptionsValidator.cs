using Microsoft.Extensions.Options;
using SloBot.Chat.Schedules;

namespace SloBot.Chat.Alerts;

/// <summary>Names every wrong key of <c>SloBot:Alerts</c> with what was expected.</summary>
internal sealed class AlertOptionsValidator : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.Channel) && ScheduledPost.ParseChannel(options.Channel) is not { Platform: "slack" or "discord" or "console" })
            errors.Add($"{AlertOptions.Section}:Channel '{options.Channel}' must be platform:channel, e.g. slack:C0123ABCD or discord:123456789012345678.");
        if (options.Interval < TimeSpan.FromSeconds(10))
            errors.Add($"{AlertOptions.Section}:Interval {options.Interval} is too short; expected at least 10 seconds (e.g. \"00:01:00\").");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
