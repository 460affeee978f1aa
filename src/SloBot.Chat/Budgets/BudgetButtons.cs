using SloBot.Chat.Commands;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Core.Catalog;

namespace SloBot.Chat.Budgets;

/// <summary>"Refresh" on a budget reply (and "Show budget" elsewhere): the service's budget as of now.</summary>
internal sealed class BudgetButtons(ISloCatalog catalog, BudgetQuery budgets) : IButtonHandler
{
    public const string Refresh = "budget.refresh";

    public string ActionPrefix => Refresh;

    public async Task<Reply?> HandleAsync(ButtonClick click, CancellationToken cancellationToken)
    {
        if (click.Value is not { } name || catalog.FindService(name) is not { } service)
            return Reply.BadCommand($"The service '{click.Value}' of that button is no longer in the catalog.");
        var results = await budgets.EvaluateAsync(service.Slos, cancellationToken).ConfigureAwait(false);
        return BudgetReply.Render(service, results);
    }
}
