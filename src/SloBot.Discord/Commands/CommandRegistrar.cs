using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SloBot.Chat.Commands;
using SloBot.Discord.Rest;

namespace SloBot.Discord.Commands;

/// <summary>
/// Registers <c>/slo</c> at start-up by bulk overwrite — in each configured guild (instant) or globally — and only
/// when the registered definition differs, so restarts do not spend Discord's daily command-creation quota.
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
        var wanted = SlashCommandDefinition.Canonical(definition);
        var app = options.Value.ApplicationId;
        var scopes = options.Value.GuildIds.Count > 0 ? options.Value.GuildIds.Select(g => (string?)g).ToArray() : [null];
        var written = 0;
        foreach (var guild in scopes)
        {
            var current = await rest.SendJsonAsync(DiscordRoute.GetCommands(app, guild), null, cancellationToken).ConfigureAwait(false) as JsonArray;
            var registered = current?.Where(c => c?["name"]?.GetValue<string>() == SlashCommandDefinition.RootName).ToArray() ?? [];
            var others = (current?.Count ?? 0) - registered.Length;
            if (registered.Length == 1 && others == 0 && SlashCommandDefinition.Canonical(registered[0]) == wanted)
            {
                LogUpToDate(logger, guild ?? "global");
                continue;
            }

            await rest.SendJsonAsync(DiscordRoute.PutCommands(app, guild), new JsonArray(definition.DeepClone()), cancellationToken).ConfigureAwait(false);
            written++;
            LogRegistered(logger, guild ?? "global", ((JsonArray)definition["options"]!).Count);
        }

        return written;
    }

    [LoggerMessage(EventId = 4200, Level = LogLevel.Information, Message = "Discord /slo command is up to date ({Scope}); not re-registered")]
    private static partial void LogUpToDate(ILogger logger, string scope);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Registered Discord /slo command with {Subcommands} subcommands ({Scope})")]
    private static partial void LogRegistered(ILogger logger, string scope, int subcommands);
}
