namespace SloBot.Slack.WebApi;

/// <summary>Slack answered <c>ok:false</c> (or a response_url refused the message): not worth retrying as is.</summary>
public sealed class SlackApiException(string method, string error, string? detail = null)
    : Exception($"Slack {method} failed: {error}{(detail is null ? "" : $" ({detail})")}")
{
    /// <summary>The Web API method ("chat.postMessage") or "response_url".</summary>
    public string Method { get; } = method;

    /// <summary>Slack's error code ("channel_not_found", "invalid_blocks", "expired_url").</summary>
    public string Error { get; } = error;
}
