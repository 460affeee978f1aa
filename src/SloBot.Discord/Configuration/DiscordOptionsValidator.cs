using System.Globalization;
using Humanizer;
using Microsoft.Extensions.Options;

namespace SloBot.Discord.Configuration;

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
        if (options.MaxConcurrentEvents is < 1 or > 1000)
            errors.Add($"{DiscordOptions.Section}:MaxConcurrentEvents must be between 1 and 1000.");
        if (!options.InteractionsPath.StartsWith('/'))
            errors.Add($"{DiscordOptions.Section}:InteractionsPath must start with '/'.");
        if (options.ShardCount is < 1 or > MaxShards)
            errors.Add($"{DiscordOptions.Section}:ShardCount must be between 1 and {MaxShards.ToString("N0", CultureInfo.InvariantCulture)}, or left out to take Discord's recommendation.");
        if (options.ShardRenewal < TimeSpan.FromSeconds(1) || options.ShardRenewal * 2 > options.ShardLease)
            errors.Add($"{DiscordOptions.Section}:ShardRenewal must be at least 1 second and at most half of ShardLease, so a lease is renewed at least twice before it expires.");
        if (options.ShardLease + options.ShardRenewal > MaxTakeover)
            errors.Add($"{DiscordOptions.Section}:ShardLease plus ShardRenewal must be at most {MaxTakeover.Humanize()}: a dead replica's shards are taken over within that time.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Far beyond any bot's recommendation (one shard per 1,000 guilds at most 2,500); catches a typo.</summary>
    private const int MaxShards = 100_000;

    /// <summary>A dead replica's shard comes back within this: its lease runs out, then the next renewal of another replica takes it.</summary>
    private static readonly TimeSpan MaxTakeover = TimeSpan.FromMinutes(1);

    internal static bool IsSnowflake(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 20 && ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static bool IsPublicKey(string? value) =>
        value is { Length: 64 } && value.All(Uri.IsHexDigit);
}
