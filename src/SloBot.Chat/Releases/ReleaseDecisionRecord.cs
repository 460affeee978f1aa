using System.Text.Json.Serialization;
using SloBot.Chat.Events;
using SloBot.Core.Budgets;
using SloBot.Core.Releases;

namespace SloBot.Chat.Releases;

/// <summary>
/// One release decision as stored: who asked, where, the inputs, the budget at that moment and the verdict, plus
/// the review request and override that may follow. <see cref="DecidedAt"/> comes from the host's TimeProvider.
/// </summary>
public sealed record ReleaseDecisionRecord(
    string Id,
    string Service,
    string Version,
    DateTimeOffset DecidedAt,
    ChatUser RequestedBy,
    ConversationKey Where,
    ReleaseInfo Inputs,
    int RiskScore,
    RiskLevel RiskLevel,
    BudgetSnapshot Budget,
    ReleaseAction Action,
    IReadOnlyList<ReleaseCondition> Conditions,
    string Rationale,
    ReleaseReviewRequest? ReviewRequest = null,
    ReleaseOverride? Override = null)
{
    /// <summary>The action that stands: approve once an SLO owner overrode a defer or block, or a review was approved; else <see cref="Action"/>.</summary>
    public ReleaseAction EffectiveAction => Override is null ? Action : ReleaseAction.Approve;

    /// <summary>Still waiting on people (review, defer or block without an override): the weekly review's "pending releases".</summary>
    public bool IsPending => EffectiveAction != ReleaseAction.Approve;
}

/// <summary>
/// The service's budget when the decision was made: the status that decided (the worst SLO's, or no data) and its
/// share left (null without data), and every SLO.
/// </summary>
public sealed record BudgetSnapshot(BudgetStatus Status, double? Remaining, string Slo, IReadOnlyList<SloBudgetSnapshot> Slos);

/// <summary>One SLO's budget at decision time. Remaining is a share of the budget (may be negative; null without data).</summary>
public sealed record SloBudgetSnapshot(string Slo, double Target, string Window, BudgetStatus Status, double? Remaining, double GoodEvents, double TotalEvents)
{
    /// <summary>A page-level burn was active on it.</summary>
    public bool Burning { get; init; }
}

/// <summary>
/// An SLO owner let a deferred or blocked release go ahead, or an SLO owner or product manager approved a release
/// under review (the error budget it spends). The reason is mandatory.
/// </summary>
public sealed record ReleaseOverride(ChatUser By, string Reason, DateTimeOffset At, ConversationKey Where)
{
    /// <summary>The role that permitted it: <c>sloOwner</c> or <c>productManager</c> (null in records made before roles were kept: an SLO owner).</summary>
    public string? Role { get; init; }

    /// <summary>The --json spelling of <see cref="Role"/>, never null.</summary>
    [JsonIgnore]
    public string RoleKey => Role ?? "sloOwner";
}

/// <summary>Someone asked the SLO owners to review the decision.</summary>
public sealed record ReleaseReviewRequest(ChatUser By, DateTimeOffset At);
