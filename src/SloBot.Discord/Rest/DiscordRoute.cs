namespace SloBot.Discord.Rest;

/// <summary>
/// One REST call: <see cref="Template"/> names the route for logs and rate-limit buckets (never the tokens in
/// <see cref="Path"/>); <see cref="MajorParameter"/> is the channel, guild or webhook the bucket is per.
/// Interaction callbacks and webhooks are exempt from the global limit.
/// </summary>
internal sealed record DiscordRoute(HttpMethod Method, string Template, string Path, string MajorParameter, bool GlobalExempt = false)
{
    public string Key => $"{Method.Method} {Template}";

    public override string ToString() => Key;

    public static DiscordRoute GatewayBot() => new(HttpMethod.Get, "/gateway/bot", "/gateway/bot", "");

    public static DiscordRoute GetCommands(string app, string? guild) => guild is null
        ? new(HttpMethod.Get, "/applications/{app}/commands", $"/applications/{app}/commands", app)
        : new(HttpMethod.Get, "/applications/{app}/guilds/{guild}/commands", $"/applications/{app}/guilds/{guild}/commands", guild);

    public static DiscordRoute PutCommands(string app, string? guild) => guild is null
        ? new(HttpMethod.Put, "/applications/{app}/commands", $"/applications/{app}/commands", app)
        : new(HttpMethod.Put, "/applications/{app}/guilds/{guild}/commands", $"/applications/{app}/guilds/{guild}/commands", guild);

    public static DiscordRoute InteractionCallback(string id, string token) =>
        new(HttpMethod.Post, "/interactions/{id}/{token}/callback", $"/interactions/{id}/{token}/callback", id, GlobalExempt: true);

    public static DiscordRoute EditOriginal(string app, string token) =>
        new(HttpMethod.Patch, "/webhooks/{app}/{token}/messages/@original", $"/webhooks/{app}/{token}/messages/@original", token, GlobalExempt: true);

    public static DiscordRoute DeleteOriginal(string app, string token) =>
        new(HttpMethod.Delete, "/webhooks/{app}/{token}/messages/@original", $"/webhooks/{app}/{token}/messages/@original", token, GlobalExempt: true);

    public static DiscordRoute FollowUp(string app, string token) =>
        new(HttpMethod.Post, "/webhooks/{app}/{token}", $"/webhooks/{app}/{token}", token, GlobalExempt: true);

    public static DiscordRoute CreateMessage(string channel) =>
        new(HttpMethod.Post, "/channels/{channel}/messages", $"/channels/{channel}/messages", channel);

    public static DiscordRoute StartThread(string channel, string message) =>
        new(HttpMethod.Post, "/channels/{channel}/messages/{message}/threads", $"/channels/{channel}/messages/{message}/threads", channel);
}
