using Microsoft.Extensions.Options;

namespace SloBot.Chat.Delivery;

/// <summary>Names every wrong key of <c>SloBot:Outbox</c> with what was expected.</summary>
internal sealed class OutboxOptionsValidator : IValidateOptions<OutboxOptions>
{
    private const string Prefix = OutboxOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, OutboxOptions options)
    {
        var errors = new List<string>();
        if (options.MaxAttempts < 1)
            errors.Add($"{Prefix}MaxAttempts {options.MaxAttempts} must be at least 1 (e.g. 8).");
        if (options.InitialBackoff <= TimeSpan.Zero)
            errors.Add($"{Prefix}InitialBackoff {options.InitialBackoff} must be positive (e.g. \"00:00:00.250\").");
        if (options.MaxBackoff < options.InitialBackoff)
            errors.Add($"{Prefix}MaxBackoff {options.MaxBackoff} must be at least {Prefix}InitialBackoff {options.InitialBackoff} (e.g. \"00:00:30\").");
        if (options.RememberedKeys < 1)
            errors.Add($"{Prefix}RememberedKeys {options.RememberedKeys} must be at least 1 (e.g. 10000).");
        Positive(errors, "LeaseDuration", options.LeaseDuration, "00:01:00");
        Positive(errors, "InboxLeaseDuration", options.InboxLeaseDuration, "00:00:30");
        Positive(errors, "RecoveryInterval", options.RecoveryInterval, "00:00:10");
        Positive(errors, "KeepFinished", options.KeepFinished, "1.00:00:00");
        if (options.RecoveryBatch < 1)
            errors.Add($"{Prefix}RecoveryBatch {options.RecoveryBatch} must be at least 1 (e.g. 50).");
        if (options.InboxMaxAttempts < 1)
            errors.Add($"{Prefix}InboxMaxAttempts {options.InboxMaxAttempts} must be at least 1 (e.g. 3).");
        // Leases are renewed every third of their length; renewals must come well before they expire.
        if (options.LeaseDuration > TimeSpan.Zero && options.LeaseDuration < TimeSpan.FromSeconds(3))
            errors.Add($"{Prefix}LeaseDuration {options.LeaseDuration} must be at least 3 seconds (renewed every third of it).");
        if (options.InboxLeaseDuration > TimeSpan.Zero && options.InboxLeaseDuration < TimeSpan.FromSeconds(3))
            errors.Add($"{Prefix}InboxLeaseDuration {options.InboxLeaseDuration} must be at least 3 seconds (renewed every third of it).");
        // A finished inbox entry is also the event's de-duplication record: Slack redelivers within the hour.
        if (options.KeepFinished > TimeSpan.Zero && options.KeepFinished < TimeSpan.FromHours(1))
            errors.Add($"{Prefix}KeepFinished {options.KeepFinished} must be at least 1 hour (finished entries de-duplicate platform redeliveries).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string key, TimeSpan value, string example)
    {
        if (value <= TimeSpan.Zero)
            errors.Add($"{Prefix}{key} {value} must be positive (e.g. \"{example}\").");
    }
}
