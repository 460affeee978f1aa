using SloBot.Chat.Delivery;

namespace SloBot.Slack.SocketMode;

/// <summary>Reconnect delays: a quick jittered retry after a drop, then exponential with jitter up to 30 s.</summary>
internal static class SocketModeBackoff
{
    /// <summary>The first retry after a healthy connection dropped: up to 250 ms.</summary>
    private static readonly Backoff AfterDrop = new(TimeSpan.FromMilliseconds(250), 1, TimeSpan.FromMilliseconds(250), 0, 1);

    /// <summary>After failed or short-lived connections: 1 s doubling up to 30 s, times 0.5–1.</summary>
    private static readonly Backoff AfterFailures = new(TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(30), 0.5, 1);

    /// <param name="failures">Consecutive failed or short-lived connections (0 = the first retry after a healthy one).</param>
    public static TimeSpan Delay(int failures) => failures <= 0 ? AfterDrop.Delay(1) : AfterFailures.Delay(failures);

    /// <summary>Errors of apps.connections.open that retrying cannot fix (bad or revoked token, removed app).</summary>
    public static bool IsFatal(string error) => error is "not_authed" or "invalid_auth" or "account_inactive" or "user_removed_from_team"
        or "team_disabled" or "missing_scope" or "token_revoked" or "token_expired" or "not_allowed_token_type";
}
