using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SloBot.Chat.Commands;
using SloBot.Discord.Configuration;
using SloBot.Discord.Rest;

namespace SloBot.Discord.Commands;

/// <summary>
/// Registers <c>/slo</c> (and <c>/slo-more</c>… when SloBot has more commands than one Discord command holds) at
/// start-up by bulk overwrite — in each configured guild (instant) or globally — and only when the registered definition
/// differs, so restarts do not spend Discord's daily command-creation quota. A definition Discord would refuse is not
/// sent: the exception names every broken limit.
/// </summary>
internal sealed partial class CommandRegistrar(
    DiscordRestClient rest,
    IOptions<DiscordOptions> options,
    CommandRouter router,
    ILogger<CommandRegistrar> logger)
{
    /// <returns>How many scopes (guilds, or the global scope) were overwritten.</returns>
    public async Task<int> RegisterAsync(CancellationToken cancellationToken)
    {
        var definition = SlashCommandDefinition.Build(router.Commands);
        if (SlashCommandLimits.Check(definition) is { Count: > 0 } problems)
            throw new InvalidOperationException("SloBot's Discord commands break Discord's limits: " + string.Join("; ", problems));
        var names = definition.Select(c => c!["name"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var wanted = SlashCommandDefinition.Canonical(definition);
        var app = options.Value.ApplicationId;
        var scopes = options.Value.GuildIds.Count > 0 ? options.Value.GuildIds.Select(g => (string?)g).ToArray() : [null];
        var written = 0;
        foreach (var guild in scopes)
        {
            var current = await rest.SendJsonAsync(DiscordRoute.GetCommands(app, guild), null, cancellationToken).ConfigureAwait(false) as JsonArray;
            var registered = current?.Where(c => c?["name"]?.GetValue<string>() is { } n && names.Contains(n)).ToArray() ?? [];
            var others = (current?.Count ?? 0) - registered.Length;
            if (others == 0 && SlashCommandDefinition.Canonical(registered) == wanted)
            {
                LogUpToDate(logger, guild ?? "global");
                continue;
            }

            await rest.SendJsonAsync(DiscordRoute.PutCommands(app, guild), definition.DeepClone(), cancellationToken).ConfigureAwait(false);
            written++;
            LogRegistered(logger, guild ?? "global", string.Join(", /", names), router.Commands.Count);
        }

        return written;
    }

    [LoggerMessage(EventId = 4200, Level = LogLevel.Information, Message = "Discord commands are up to date ({Scope}); not re-registered")]
    private static partial void LogUpToDate(ILogger logger, string scope);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Registered Discord commands /{Commands} holding SloBot's {Count} commands ({Scope})")]
    private static partial void LogRegistered(ILogger logger, string scope, string commands, int count);
}
