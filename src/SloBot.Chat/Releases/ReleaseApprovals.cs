using Humanizer;
using Microsoft.Extensions.Logging;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Chat.Roles;
using SloBot.Core.Releases;

namespace SloBot.Chat.Releases;

/// <summary>
/// A release under <b>review</b> approved by the service's product manager or an SLO owner (seed 004 §Role Definitions:
/// the product manager approves error budget usage). Recorded like an override: once, with who, the role, the reason and
/// where, announced in the decision's channel; the decision's effective action becomes approve.
/// </summary>
public sealed partial class ReleaseApprovals(
    IReleaseDecisionLog log,
    ReleaseOverrides overrides,
    SloRoles roles,
    TimeProvider time,
    ILogger<ReleaseApprovals> logger)
{
    /// <summary>Null when <paramref name="user"/> may approve <paramref name="decision"/>, else the ephemeral explanation.</summary>
    public Reply? Refusal(ReleaseDecisionRecord decision, ChatUser user) => RoleOf(decision, user) is null ? Denied(decision, user) : null;

    /// <summary>Null when the decision is a review still waiting, else why it cannot be approved.</summary>
    public static Reply? NotApprovable(ReleaseDecisionRecord decision, DateTimeOffset now) => decision switch
    {
        { Override: { } o } => Reply.BadCommand(
            $"{decision.Id} was already {(decision.Action == ReleaseAction.Review ? "approved" : "overridden")} by <@{o.By.Id}> {o.At.Humanize(now)}: “{o.Reason}”."),
        { Action: ReleaseAction.Approve } => Reply.BadCommand($"{decision.Id} ({decision.Service} {decision.Version}) is already **approve**: there is nothing to approve."),
        { Action: var a } when a.Stops() => Reply.BadCommand(
            $"{decision.Id} ({decision.Service} {decision.Version}) is **{a.ToWord()}**, not review: only an SLO owner can let it ship, with `/slo override {decision.Id} <reason>`."),
        _ => null,
    };

    public async Task<Reply> ApproveAsync(ReleaseDecisionRecord decision, ChatUser user, ConversationKey where, string? reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (NotApprovable(decision, now) is { } no)
            return no;
        if (RoleOf(decision, user) is not { } role)
            return Denied(decision, user);
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length < ReleaseOverrides.MinReasonLength)
        {
            return Reply.BadCommand(
                $"An approval needs a reason of at least {ReleaseOverrides.MinReasonLength} characters, kept with the decision for the weekly review, e.g. " +
                $"`/slo approve {decision.Id} worth 5 % of the budget: the launch is on Friday`. Nothing was changed.");
        }

        var entry = new ReleaseOverride(user, reason, now, where) { Role = role };
        if (!await log.RecordOverrideAsync(decision.Id, entry, cancellationToken).ConfigureAwait(false))
        {
            var current = await log.FindAsync(decision.Id, cancellationToken).ConfigureAwait(false);
            return NotApprovable(current ?? decision, now) ?? Reply.BadCommand($"{decision.Id} could not be approved; try again.");
        }

        LogApproved(logger, decision.Id, user.Id, role);
        var announcement = new Reply
        {
            Blocks = [new TextBlock($"✅ <@{user.Id}> ({ReleaseText.Role(role)}) approved the error budget use of **{decision.Service} {decision.Version}** ({decision.Id}, under review): it may ship with its conditions.\nReason: “{reason}”\nThe decision was: {decision.Rationale}")],
            Summary = $"{decision.Service} {decision.Version}: review approved by {user.DisplayName ?? user.Id}",
        };
        object Data(bool announced) => new { decisionId = decision.Id, action = decision.Action.ToWord(), effectiveAction = ReleaseAction.Approve.ToWord(), approvedBy = user.Id, role, reason, at = now.ToUniversalTime(), announced };
        if (await overrides.AnnounceAsync(decision.Where, announcement, DeliveryIntent.Of($"release:{decision.Id}:approved"), cancellationToken).ConfigureAwait(false))
            return Reply.Text($"Approval of {decision.Id} recorded and announced in the channel of the decision.") with { Ephemeral = true, Data = Data(announced: true) };
        return announcement with { Data = Data(announced: false) };
    }

    /// <summary><c>productManager</c> or <c>sloOwner</c> (the product manager first: it is their responsibility), or null.</summary>
    private string? RoleOf(ReleaseDecisionRecord decision, ChatUser user)
    {
        var service = overrides.ServiceOf(decision);
        if (roles.Holds(user, SloRole.ProductManager, service))
            return "productManager";
        return roles.IsSloOwner(user, service) ? "sloOwner" : null;
    }

    private Reply Denied(ReleaseDecisionRecord decision, ChatUser user)
    {
        LogDenied(logger, user.Id, decision.Id, decision.Service);
        var service = overrides.ServiceOf(decision);
        var pms = SloRoles.Mentions(roles.HoldersOf(SloRole.ProductManager, service));
        var owners = SloRoles.Mentions(roles.SloOwnersOf(service));
        var who = pms is null && owners is null
            ? $"{decision.Service} has neither: add ids to `SloBot:Roles:Services:{decision.Service}:ProductManager` (or `SloBot:Roles:ProductManager`) or owners to its catalog entry."
            : $"For {decision.Service}: product managers {pms ?? "none"}; SLO owners {owners ?? "none"} (`/slo roles {decision.Service}`).";
        return Reply.BadCommand($"Only a product manager or SLO owner of {decision.Service} can approve the error budget use of a release under review. {who} Nothing was changed.");
    }

    [LoggerMessage(EventId = 713, Level = LogLevel.Information, Message = "Release decision {DecisionId} (review) approved by {UserId} as {Role}")]
    private static partial void LogApproved(ILogger logger, string decisionId, string userId, string role);

    [LoggerMessage(EventId = 714, Level = LogLevel.Information, Message = "Approval of {DecisionId} ({Service}) denied to {UserId}: neither product manager nor SLO owner")]
    private static partial void LogDenied(ILogger logger, string userId, string decisionId, string service);
}
