namespace SloBot.Discord.Configuration;

public enum DiscordMode
{
    /// <summary>Interactions and messages arrive over the Gateway WebSocket (no public URL needed).</summary>
    Gateway,

    /// <summary>Interactions arrive as signed HTTP POSTs on the host's web server (Interactions Endpoint URL).</summary>
    Http,
}

/// <summary>Configuration section <c>SloBot:Discord</c>.</summary>
public sealed class DiscordOptions
{
    public const string Section = "SloBot:Discord";

    /// <summary>The bot token from the Developer Portal (Bot tab). Never logged.</summary>
    public string BotToken { get; set; } = "";

    /// <summary>The application id (a snowflake) from the Developer Portal (General Information).</summary>
    public string ApplicationId { get; set; } = "";

    /// <summary>Hex Ed25519 public key from the Developer Portal; required in <see cref="DiscordMode.Http"/>.</summary>
    public string PublicKey { get; set; } = "";

    /// <summary>Guilds to register <c>/slo</c> in (instant); empty registers it globally.</summary>
    public IList<string> GuildIds { get; init; } = [];

    public Uri ApiBaseUrl { get; set; } = new("https://discord.com/api/v10");

    public DiscordMode Mode { get; set; } = DiscordMode.Gateway;

    /// <summary>How long a command may run before the transport sends the deferred "thinking…" response.</summary>
    public TimeSpan DeferAfter { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Commands and thread messages handled at once; more wait in order. Initial responses (deferrals, autocomplete)
    /// never wait: they are sent before a command takes its turn.
    /// </summary>
    public int MaxConcurrentEvents { get; set; } = 4;

    /// <summary>Path of the HTTP interactions endpoint in <see cref="DiscordMode.Http"/>.</summary>
    public string InteractionsPath { get; set; } = "/discord/interactions";

    /// <summary>
    /// How many Gateway shards the application's sessions are split into; null takes Discord's recommendation
    /// (<c>GET /gateway/bot</c>, <c>shards</c>). Every replica must use the same count: set it when running several.
    /// </summary>
    public int? ShardCount { get; set; }

    /// <summary>
    /// How long a replica's lease on a shard lasts without renewal: a dead replica's shards are taken over after it, and
    /// every interaction Discord sends to them meanwhile is lost (a dead session's interactions go to no other).
    /// </summary>
    public TimeSpan ShardLease { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a replica renews its shard leases, heartbeats and takes free shards up to its fair share.</summary>
    public TimeSpan ShardRenewal { get; set; } = TimeSpan.FromSeconds(5);

    public override string ToString() => $"Discord(application {ApplicationId}, mode {Mode}, api {ApiBaseUrl})"; // never the token
}
