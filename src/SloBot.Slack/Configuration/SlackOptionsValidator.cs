using Microsoft.Extensions.Options;

namespace SloBot.Slack.Configuration;

/// <summary>Fails start-up with the configuration key that is wrong. Never echoes a token.</summary>
internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    private const string Prefix = SlackOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        if (!options.IsEnabled)
            return ValidateOptionsResult.Success;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BotToken) || !options.BotToken.StartsWith("xoxb-", StringComparison.Ordinal))
            failures.Add($"{Prefix}BotToken must be the bot token (starts with 'xoxb-', OAuth & Permissions page of the Slack app).");
        if (options.Mode == SlackMode.Socket && (string.IsNullOrWhiteSpace(options.AppToken) || !options.AppToken.StartsWith("xapp-", StringComparison.Ordinal)))
            failures.Add($"{Prefix}AppToken must be an app-level token (starts with 'xapp-', scope connections:write) when {Prefix}Mode is Socket.");
        if (options.Mode == SlackMode.Http && string.IsNullOrWhiteSpace(options.SigningSecret))
            failures.Add($"{Prefix}SigningSecret is required when {Prefix}Mode is Http (Basic Information page of the Slack app).");
        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
            failures.Add($"{Prefix}ApiBaseUrl must be an absolute http(s) URL (default {SlackOptions.DefaultApiBaseUrl}).");
        if (options.SocketConnections is < 1 or > 10)
            failures.Add($"{Prefix}SocketConnections must be between 1 and 10 (Slack allows 10 sockets per app).");
        if (options.MaxConcurrentEvents is < 1 or > 1000)
            failures.Add($"{Prefix}MaxConcurrentEvents must be between 1 and 1000.");
        if (options.ChannelMessageInterval < TimeSpan.Zero || options.ChannelMessageInterval > TimeSpan.FromMinutes(1))
            failures.Add($"{Prefix}ChannelMessageInterval must be between 0 and 1 minute.");
        if (options.StillWorkingAfter < TimeSpan.Zero || options.StillWorkingAfter > TimeSpan.FromMinutes(10))
            failures.Add($"{Prefix}StillWorkingAfter must be between 0 (off) and 10 minutes; expected e.g. 00:00:02.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
