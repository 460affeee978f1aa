using SloBot.Chat.Commands;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Core.Catalog;

namespace SloBot.Chat.Budgets;

/// <summary>"Refresh" on a budget reply: the service's budget as of now, in place of the old one.</summary>
internal sealed class BudgetButtons(ISloCatalog catalog, BudgetAnswers answers) : IButtonHandler
{
    public const string Refresh = "budget.refresh";

    public string ActionPrefix => Refresh;

    public async Task<Reply?> HandleAsync(ButtonClick click, CancellationToken cancellationToken) =>
        await BudgetAnswers.ForClickAsync(catalog, answers, click, cancellationToken).ConfigureAwait(false) is { } reply
            ? reply with { ReplaceOriginal = reply.ExitCode == ExitCodes.Answered }
            : null;
}

/// <summary>"Budget" on other messages (alerts): the service's budget as a new message, leaving the original.</summary>
internal sealed class BudgetShowButton(ISloCatalog catalog, BudgetAnswers answers) : IButtonHandler
{
    public const string Show = "budget.show";

    public string ActionPrefix => Show;

    public Task<Reply?> HandleAsync(ButtonClick click, CancellationToken cancellationToken) =>
        BudgetAnswers.ForClickAsync(catalog, answers, click, cancellationToken);
}
