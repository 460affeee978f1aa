namespace SloBot.Slack.SocketMode;

/// <summary>Reconnect delays: a quick jittered retry after a drop, then exponential with jitter up to 30 s.</summary>
internal static class SocketModeBackoff
{
    public static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    /// <param name="failures">Consecutive failed or short-lived connections (0 = the first retry after a healthy one).</param>
    public static TimeSpan Delay(int failures, double random)
    {
        if (failures <= 0)
            return TimeSpan.FromMilliseconds(250 * random);
        var ceiling = Math.Min(Max.TotalMilliseconds, 1000 * Math.Pow(2, Math.Min(failures - 1, 10)));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (0.5 * random)));
    }

    /// <summary>Errors of apps.connections.open that retrying cannot fix (bad or revoked token, removed app).</summary>
    public static bool IsFatal(string error) => error is "not_authed" or "invalid_auth" or "account_inactive" or "user_removed_from_team"
        or "team_disabled" or "missing_scope" or "token_revoked" or "token_expired" or "not_allowed_token_type";
}
