using Humanizer;
using Microsoft.Extensions.Logging;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Chat.Roles;
using SloBot.Core.Catalog;
using SloBot.Core.Releases;

namespace SloBot.Chat.Releases;

/// <summary>
/// Overrides and review requests of recorded decisions: who may, the mandatory reason, the record, the announcement.
/// Shared by the <c>/slo override</c> command and the buttons.
/// </summary>
public sealed partial class ReleaseOverrides(
    IReleaseDecisionLog log,
    ISloCatalog catalog,
    SloRoles roles,
    IEnumerable<IChatTransport> transports,
    TimeProvider time,
    ILogger<ReleaseOverrides> logger)
{
    public const int MinReasonLength = 10;

    /// <summary>The decision, or a friendly reply saying it does not exist.</summary>
    public async Task<(ReleaseDecisionRecord? Decision, Reply? Error)> FindAsync(string? id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(id))
            return (null, Reply.BadCommand("Which decision? Give its id, e.g. `R-3F9A1C07` (see `/slo releases`)."));
        var decision = await log.FindAsync(id.Trim(), cancellationToken).ConfigureAwait(false);
        return decision is null
            ? (null, Reply.BadCommand($"There is no release decision `{id}`. `/slo releases` lists the recorded ones."))
            : (decision, null);
    }

    /// <summary>Null when <paramref name="user"/> may override <paramref name="decision"/>, else the ephemeral explanation.</summary>
    public Reply? Refusal(ReleaseDecisionRecord decision, ChatUser user)
    {
        var service = ServiceOf(decision);
        if (roles.IsSloOwner(user, service))
            return null;
        LogDenied(logger, user.Id, decision.Id, decision.Service);
        var owners = SloRoles.Mentions(roles.SloOwnersOf(service));
        var who = owners is null
            ? $"{decision.Service} has no SLO owner yet: add owners to its catalog entry or ids to `SloBot:Roles:SloOwner`."
            : $"{decision.Service}'s SLO owners are {owners} (the catalog's owners of {decision.Service} and `SloBot:Roles:SloOwner`).";
        return Reply.BadCommand($"Only an SLO owner of {decision.Service} can override a deferred or blocked release. {who} Press **Request review** to ask them. Nothing was changed.");
    }

    /// <summary>Null when the decision can still be overridden, else why not.</summary>
    public static Reply? NotOverridable(ReleaseDecisionRecord decision, DateTimeOffset now) => decision switch
    {
        { Override: { } o } => Reply.BadCommand($"{decision.Id} was already overridden by <@{o.By.Id}> {o.At.Humanize(now)}: “{o.Reason}”."),
        { Action: var a } when !a.Stops() => Reply.BadCommand(
            $"{decision.Id} ({decision.Service} {decision.Version}) is **{a.ToWord()}**, not defer or block: there is nothing to override." +
            (a == ReleaseAction.Review ? $" A review is settled by an SLO owner or product manager: `/slo approve {decision.Id} <reason>`." : "")),
        _ => null,
    };

    public async Task<Reply> OverrideAsync(ReleaseDecisionRecord decision, ChatUser user, ConversationKey where, string? reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (Refusal(decision, user) is { } refusal)
            return refusal;
        if (NotOverridable(decision, now) is { } notOverridable)
            return notOverridable;
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length < MinReasonLength)
        {
            return Reply.BadCommand(
                $"An override needs a reason of at least {MinReasonLength} characters, kept with the decision for the weekly review, e.g. " +
                $"`/slo override {decision.Id} hotfix for INC-2041, canary at 5 %`. Nothing was changed.");
        }

        var entry = new ReleaseOverride(user, reason, now, where);
        if (!await log.RecordOverrideAsync(decision.Id, entry, cancellationToken).ConfigureAwait(false))
        {
            var current = await log.FindAsync(decision.Id, cancellationToken).ConfigureAwait(false);
            return NotOverridable(current ?? decision, now) ?? Reply.BadCommand($"{decision.Id} could not be overridden; try again.");
        }

        LogOverridden(logger, decision.Id, user.Id, decision.Action.ToWord());
        var announcement = Announcement(decision, entry);
        if (await AnnounceAsync(decision.Where, announcement, DeliveryIntent.Of($"release:{decision.Id}:override"), cancellationToken).ConfigureAwait(false))
        {
            return Reply.Text($"Override of {decision.Id} recorded and announced in the channel of the decision.") with
            {
                Ephemeral = true,
                Data = OverrideData(decision, entry, announced: true),
            };
        }

        return announcement with { Data = OverrideData(decision, entry, announced: false) };
    }

    public async Task<Reply> RequestReviewAsync(ReleaseDecisionRecord decision, ChatUser user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (decision.ReviewRequest is { } earlier)
            return Reply.Text($"<@{earlier.By.Id}> already asked for a review of {decision.Id} {earlier.At.Humanize(now)}.") with { Ephemeral = true };
        await log.RecordReviewRequestAsync(decision.Id, new ReleaseReviewRequest(user, now), cancellationToken).ConfigureAwait(false);
        var owners = SloRoles.Mentions(roles.SloOwnersOf(ServiceOf(decision)));
        var pms = SloRoles.Mentions(roles.HoldersOf(SloRole.ProductManager, ServiceOf(decision)));
        var to = owners is null
            ? $"{decision.Service} has no SLO owner to ask: add owners to its catalog entry or `SloBot:Roles:SloOwner`."
            : $"SLO owners {owners}, please review" + (pms is null ? "." : $"; product managers {pms}, this spends error budget.");
        var text = $"🔍 <@{user.Id}> asks for a review of **{decision.Service} {decision.Version}** ({decision.Id}: {decision.Action.ToWord()}). {to}\n{decision.Rationale}";
        return new Reply
        {
            Blocks = [new TextBlock(text)],
            Buttons = decision.Action.Stops() ? [new ReplyButton(ReleaseReply.OverrideAction, "Override", decision.Id, ButtonStyle.Danger)]
                : decision.Action == ReleaseAction.Review ? [new ReplyButton(ReleaseReply.ApproveAction, "Approve", decision.Id, ButtonStyle.Primary)] : [],
            Summary = $"Review requested for {decision.Service} {decision.Version} ({decision.Id})",
            Data = new { decisionId = decision.Id, reviewRequestedBy = user.Id, mentioned = roles.SloOwnersOf(ServiceOf(decision)) },
        };
    }

    internal ServiceDefinition ServiceOf(ReleaseDecisionRecord decision) => catalog.FindService(decision.Service) ?? new ServiceDefinition(decision.Service, []);

    private static Reply Announcement(ReleaseDecisionRecord d, ReleaseOverride o) => new()
    {
        Blocks =
        [
            new TextBlock($"⚠️ <@{o.By.Id}> overrode the **{d.Action.ToWord()}** of **{d.Service} {d.Version}** ({d.Id}): it may ship.\nReason: “{o.Reason}”\nThe decision was: {d.Rationale}"),
        ],
        Summary = $"{d.Service} {d.Version}: {d.Action.ToWord()} overridden by {o.By.DisplayName ?? o.By.Id}",
    };

    private static object OverrideData(ReleaseDecisionRecord d, ReleaseOverride o, bool announced) => new
    {
        decisionId = d.Id,
        action = d.Action.ToWord(),
        effectiveAction = ReleaseAction.Approve.ToWord(),
        overriddenBy = o.By.Id,
        reason = o.Reason,
        at = o.At.ToUniversalTime(),
        announced,
    };

    internal async Task<bool> AnnounceAsync(ConversationKey where, Reply announcement, DeliveryIntent intent, CancellationToken cancellationToken)
    {
        var transport = transports.FirstOrDefault(t => string.Equals(t.Platform, where.Platform, StringComparison.OrdinalIgnoreCase));
        if (transport is null)
            return false;
        try
        {
            await transport.PostAsync(where, announcement, intent, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogAnnounceFailed(logger, ex, where.ToString());
            return false;
        }
    }

    [LoggerMessage(EventId = 710, Level = LogLevel.Information, Message = "Release decision {DecisionId} ({Action}) overridden by {UserId}")]
    private static partial void LogOverridden(ILogger logger, string decisionId, string userId, string action);

    [LoggerMessage(EventId = 711, Level = LogLevel.Information, Message = "Override of {DecisionId} ({Service}) denied to {UserId}: not an SLO owner")]
    private static partial void LogDenied(ILogger logger, string userId, string decisionId, string service);

    [LoggerMessage(EventId = 712, Level = LogLevel.Warning, Message = "Could not announce a release override in {Where}; answering in place")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception exception, string where);
}
