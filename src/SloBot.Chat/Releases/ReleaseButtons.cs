using SloBot.Chat.Budgets;
using SloBot.Chat.Commands;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Core.Catalog;
using SloBot.Core.Releases;

namespace SloBot.Chat.Releases;

/// <summary>The buttons of a release decision: Request review, Approve (review), Override (defer, block), Show budget.</summary>
internal sealed class ReleaseButtons(ReleaseOverrides overrides, ReleaseApprovals approvals, ISloCatalog catalog, BudgetQuery budgets, TimeProvider time) : IButtonHandler
{
    public string ActionPrefix => "release";

    public async Task<Reply?> HandleAsync(ButtonClick click, CancellationToken cancellationToken)
    {
        if (click.ActionId == ReleaseReply.BudgetAction)
            return await BudgetAsync(click.Value, cancellationToken).ConfigureAwait(false);
        var (decision, error) = await overrides.FindAsync(click.Value, cancellationToken).ConfigureAwait(false);
        if (error is not null)
            return error;
        return click.ActionId switch
        {
            ReleaseReply.ReviewAction => await overrides.RequestReviewAsync(decision!, click.User, cancellationToken).ConfigureAwait(false),
            ReleaseReply.OverrideAction => AskForReason(decision!, click.User),
            ReleaseReply.ApproveAction => AskForApprovalReason(decision!, click.User),
            _ => Reply.BadCommand("That button no longer does anything here (it may belong to an older version of SloBot)."),
        };
    }

    /// <summary>Checks the clicker first, so a denied user learns at once who may; an owner is asked for the reason.</summary>
    private Reply AskForReason(ReleaseDecisionRecord decision, ChatUser user)
    {
        if (overrides.Refusal(decision, user) is { } refusal)
            return refusal;
        if (ReleaseOverrides.NotOverridable(decision, time.GetUtcNow()) is { } no)
            return no;
        return Reply.Text(
            $"Why may {decision.Service} {decision.Version} ship despite the **{decision.Action.ToWord()}**? The reason is recorded and announced. " +
            $"Reply with `/slo override {decision.Id} <reason>`, e.g. `/slo override {decision.Id} hotfix for INC-2041, canary at 5 %`.") with { Ephemeral = true };
    }

    /// <summary>Checks the decision and the clicker first; a product manager or SLO owner is asked for the reason.</summary>
    private Reply AskForApprovalReason(ReleaseDecisionRecord decision, ChatUser user)
    {
        if (ReleaseApprovals.NotApprovable(decision, time.GetUtcNow()) is { } no)
            return no;
        if (approvals.Refusal(decision, user) is { } refusal)
            return refusal;
        return Reply.Text(
            $"Why may {decision.Service} {decision.Version} spend error budget? The reason is recorded and announced. " +
            $"Reply with `/slo approve {decision.Id} <reason>`, e.g. `/slo approve {decision.Id} the launch is worth 5 % of the budget`.") with { Ephemeral = true };
    }

    private async Task<Reply> BudgetAsync(string? serviceName, CancellationToken cancellationToken)
    {
        if (serviceName is null || catalog.FindService(serviceName) is not { } service || service.Slos.Count == 0)
            return Reply.BadCommand($"'{serviceName}' is no longer in the catalog with SLOs; try `/slo budget <service>`.");
        var results = await budgets.EvaluateAsync(service.Slos, cancellationToken).ConfigureAwait(false);
        return BudgetReply.Render(service, results) with { Ephemeral = true };
    }
}
