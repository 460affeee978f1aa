using System.Text.RegularExpressions;
using SloBot.Chat.Events;

namespace SloBot.Slack.Delivery;

/// <summary>
/// The workspace SloBot is in, as its payloads name it (<c>team_domain</c>, <c>team.domain</c>), for permalinks to
/// threads: <c>https://acme.slack.com/archives/C0123/p1700000000000100</c>. No link until a payload has named it.
/// </summary>
internal sealed partial class SlackWorkspace
{
    private volatile string? _domain;

    public void Observe(string? domain)
    {
        if (domain is not null && Domain().IsMatch(domain))
            _domain = domain;
    }

    public string? LinkTo(ConversationKey where)
    {
        if (_domain is not { } domain)
            return null;
        var archive = $"https://{domain}.slack.com/archives/{Uri.EscapeDataString(where.Channel)}";
        return where.Thread is { } ts ? $"{archive}/p{ts.Replace(".", "", StringComparison.Ordinal)}" : archive;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex Domain();
}
