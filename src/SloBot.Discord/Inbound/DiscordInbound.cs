using SloBot.Discord.Http;
using SloBot.Transport.Inbound;

namespace SloBot.Discord.Inbound;

/// <summary>What Discord's inbound paths share: how long an id is remembered, and the key of the work they share.</summary>
internal static class DiscordInbound
{
    /// <summary>The service key of Discord's <see cref="InboundWork"/> (a Slack transport in the same host has its own).</summary>
    public const string Work = InteractionParser.Platform;

    /// <summary>
    /// How long an interaction or message id is remembered: the HTTP endpoint's claim window. Discord refuses to sign
    /// (and SloBot refuses to take) a request whose timestamp is more than <see cref="SignatureVerifier.MaxSkew"/> off
    /// either way, so a redelivery of the same id cannot come later than twice that; a Gateway resume replays only
    /// what was missed during a disconnect of seconds.
    /// </summary>
    public static readonly TimeSpan KeepHandled = SignatureVerifier.MaxSkew * 2;

    /// <summary>Ids remembered at most: the bound before, so a flood of distinct ids costs no more memory than it did.</summary>
    public const int MaxRemembered = 10_000;

    public static RecentIds RecentIds(TimeProvider time) => new(time, KeepHandled, MaxRemembered);
}
