using Microsoft.Extensions.Options;
using SloBot.Chat.Commands;
using SloBot.Chat.Replies;
using SloBot.Core.Text;

namespace SloBot.Chat.Teams;

/// <summary>
/// The team a command is about: <c>team=…</c> (one of <c>SloBot:Teams</c>), else the only configured team, else none.
/// An unknown team is a bad command with a did-you-mean.
/// </summary>
internal sealed class TeamChoice(IOptions<TeamOptions> options)
{
    public (string? Name, TeamSettings? Settings, Reply? Error) Resolve(CommandArgs args)
    {
        var teams = options.Value.Teams;
        if (args.Named.TryGetValue("team", out var name))
        {
            if (teams.TryGetValue(name.Trim(), out var settings))
                return (teams.Keys.First(k => k.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase)), settings, null);
            var hint = DidYouMean.HintOr(".", name, teams.Keys, m => $"team={m}");
            var known = teams.Count == 0
                ? $" No team is configured: set `{TeamOptions.TeamsSection}:{name}:CapacityHours` and `:Size`, or leave `team=` out."
                : $" Teams: {string.Join(", ", teams.Keys.Order(StringComparer.Ordinal))}.";
            return (null, null, Reply.BadCommand($"No team `{name}` in `{TeamOptions.TeamsSection}`{hint}{known}"));
        }

        return teams.Count == 1 ? (teams.Keys.Single(), teams.Values.Single(), null) : (null, null, null);
    }

    public IReadOnlyCollection<string> Names => options.Value.Teams.Keys;
}
