using SloBot.Chat.Delivery;

namespace SloBot.Chat.Schedules;

/// <summary>A configured <c>platform:channel</c> (a scheduled post's, the alerts'), checked against the registered platforms.</summary>
internal static class ChannelSetting
{
    /// <summary>Null when <paramref name="text"/> names a channel on a registered platform, else the problem, naming <paramref name="key"/>.</summary>
    public static string? Problem(string key, string text, ChatPlatforms platforms)
    {
        if (ScheduledPost.ParseChannel(text) is not { } channel)
            return $"{key} '{text}' must be {platforms.ChannelForm}.";
        return platforms.Unknown(channel.Platform) is { } unknown ? $"{key} {unknown}" : null;
    }
}
