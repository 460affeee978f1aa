using Microsoft.Extensions.Options;
using SloBot.Chat.Delivery;
using SloBot.Chat.Schedules;

namespace SloBot.Chat.Alerts;

/// <summary>Names every wrong key of <c>SloBot:Alerts</c> with what was expected; the channel must be on a registered platform.</summary>
internal sealed class AlertOptionsValidator(ChatPlatforms platforms) : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.Channel) && ChannelSetting.Problem($"{AlertOptions.Section}:Channel", options.Channel, platforms) is { } channel)
            errors.Add(channel);
        if (options.Interval < TimeSpan.FromSeconds(10))
            errors.Add($"{AlertOptions.Section}:Interval {options.Interval} is too short; expected at least 10 seconds (e.g. \"00:01:00\").");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
