using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Slack.WebApi;

namespace SloBot.Slack.Inbound;

/// <summary>
/// Which Slack user groups (S…) each user is in, so group ids work in <c>SloBot:Roles</c>: <c>usergroups.list</c> with
/// its members, read at start and every <see cref="Refresh"/>. Without the <c>usergroups:read</c> scope SloBot says so
/// once and matches roles by user id only.
/// </summary>
internal sealed partial class SlackUserGroups(SlackApiClient api, TimeProvider time, ILogger<SlackUserGroups> logger) : BackgroundService
{
    public static readonly TimeSpan Refresh = TimeSpan.FromMinutes(10);
    private volatile IReadOnlyDictionary<string, string[]> _groupsByUser = new Dictionary<string, string[]>();
    private bool _warned;

    /// <summary>The user with their group ids filled in, when SloBot knows any.</summary>
    public ChatUser WithGroups(ChatUser user) =>
        _groupsByUser.TryGetValue(user.Id, out var groups) ? user with { Groups = [.. user.GroupIds.Union(groups, StringComparer.Ordinal)] } : user;

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var result = await api.CallFormAsync("usergroups.list", [new("include_users", "true")], cancellationToken).ConfigureAwait(false);
        var map = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (result.TryGetProperty("usergroups", out var groups) && groups.ValueKind == JsonValueKind.Array)
        {
            foreach (var group in groups.EnumerateArray())
            {
                if (group.Text("id") is { } groupId && group.TryGetProperty("users", out var users) && users.ValueKind == JsonValueKind.Array)
                {
                    foreach (var user in users.EnumerateArray().Where(u => u.ValueKind == JsonValueKind.String).Select(u => u.GetString()!))
                        (map.TryGetValue(user, out var list) ? list : map[user] = []).Add(groupId);
                }
            }
        }

        _groupsByUser = map.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        LogRead(logger, groups.ValueKind == JsonValueKind.Array ? groups.GetArrayLength() : 0, map.Count);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Refresh, time);
        try
        {
            do
            {
                try
                {
                    await RefreshAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (SlackApiException ex) when (ex.Error is "missing_scope" or "not_allowed_token_type" or "paid_only" or "plan_upgrade_required")
                {
                    if (!_warned)
                        LogNoScope(logger, ex.Error);
                    _warned = true;
                }
                catch (Exception ex) when (ex is SlackApiException or TransientDeliveryException or HttpRequestException)
                {
                    LogFailed(logger, ex.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    [LoggerMessage(EventId = 3300, Level = LogLevel.Debug, Message = "Read {Groups} Slack user groups covering {Users} users")]
    private static partial void LogRead(ILogger logger, int groups, int users);

    [LoggerMessage(EventId = 3301, Level = LogLevel.Information, Message = "Slack user groups are not read ({Error}): SloBot:Roles matches Slack users by id only. Add the usergroups:read scope to use group ids (S…)")]
    private static partial void LogNoScope(ILogger logger, string error);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Warning, Message = "Slack user groups could not be read; the last list is kept: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
