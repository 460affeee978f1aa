using System.Globalization;
using Microsoft.Extensions.Options;

namespace SloBot.Discord;

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

    /// <summary>Path of the HTTP interactions endpoint in <see cref="DiscordMode.Http"/>.</summary>
    public string InteractionsPath { get; set; } = "/discord/interactions";

    public override string ToString() => $"Discord(application {ApplicationId}, mode {Mode}, api {ApiBaseUrl})"; // never the token
}

internal sealed class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BotToken) || options.BotToken.Any(char.IsWhiteSpace))
            errors.Add($"{DiscordOptions.Section}:BotToken is empty or contains spaces: paste the token from the Developer Portal's Bot tab (without 'Bot ').");
        if (!IsSnowflake(options.ApplicationId))
            errors.Add($"{DiscordOptions.Section}:ApplicationId '{options.ApplicationId}' is not a Discord id: copy the Application ID (digits) from the Developer Portal's General Information.");
        foreach (var guild in options.GuildIds.Where(g => !IsSnowflake(g)))
            errors.Add($"{DiscordOptions.Section}:GuildIds contains '{guild}', which is not a guild id (digits; right-click the server → Copy Server ID).");
        if (!options.ApiBaseUrl.IsAbsoluteUri || options.ApiBaseUrl.Scheme is not ("https" or "http"))
            errors.Add($"{DiscordOptions.Section}:ApiBaseUrl '{options.ApiBaseUrl}' must be an absolute http(s) URL such as https://discord.com/api/v10.");
        if (!Enum.IsDefined(options.Mode))
            errors.Add($"{DiscordOptions.Section}:Mode must be Gateway or Http.");
        if (options.Mode == DiscordMode.Http && !IsPublicKey(options.PublicKey))
            errors.Add($"{DiscordOptions.Section}:PublicKey must be the 64 hex characters of the application's Public Key (General Information) when Mode is Http.");
        if (options.DeferAfter < TimeSpan.Zero || options.DeferAfter > TimeSpan.FromSeconds(2))
            errors.Add($"{DiscordOptions.Section}:DeferAfter must be between 0 and 2 seconds (Discord drops interactions not answered within 3 seconds).");
        if (!options.InteractionsPath.StartsWith('/'))
            errors.Add($"{DiscordOptions.Section}:InteractionsPath must start with '/'.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static bool IsSnowflake(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 20 && ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static bool IsPublicKey(string? value) =>
        value is { Length: 64 } && value.All(Uri.IsHexDigit);
}
