using Microsoft.Extensions.Options;
using SloBot.Core.Text;

namespace SloBot.Chat.Conversations;

/// <summary>Names every wrong key of <c>SloBot:Conversations</c> with what was expected.</summary>
internal sealed class ConversationOptionsValidator : IValidateOptions<ConversationOptions>
{
    private const string Prefix = ConversationOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, ConversationOptions options)
    {
        var errors = new List<string>();
        if (options.RemindAfter <= TimeSpan.Zero)
            errors.Add($"{Prefix}RemindAfter {options.RemindAfter} must be positive (e.g. \"04:00:00\").");
        if (options.AbandonAfter <= options.RemindAfter)
            errors.Add($"{Prefix}AbandonAfter {options.AbandonAfter} must be longer than {Prefix}RemindAfter {options.RemindAfter} (e.g. \"3.00:00:00\").");
        if (options.SweepInterval <= TimeSpan.Zero)
            errors.Add($"{Prefix}SweepInterval {options.SweepInterval} must be positive (e.g. \"00:01:00\").");
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            var hint = DidYouMean.HintOr(".", options.TimeZone, TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id));
            errors.Add($"{Prefix}TimeZone '{options.TimeZone}' is not a known time zone id{hint} Use an IANA id such as UTC or Europe/London.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
