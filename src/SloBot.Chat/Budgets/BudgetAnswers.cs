using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Core.Catalog;

namespace SloBot.Chat.Budgets;

/// <summary>The budget reply of a service — its SLOs' budgets and their burn-down chart — for the command and its buttons.</summary>
internal sealed class BudgetAnswers(BudgetQuery budgets, BurnDownCharts charts)
{
    public async Task<Reply> ForAsync(ServiceDefinition service, IReadOnlyList<SloDefinition> slos, CancellationToken cancellationToken)
    {
        var chart = charts.ForAsync(service, slos, cancellationToken); // the history is read while the budgets are
        var results = await budgets.EvaluateAsync(slos, cancellationToken).ConfigureAwait(false);
        var reply = BudgetReply.Render(service, results);
        if (await chart.ConfigureAwait(false) is not { } png)
            return reply;
        return reply with
        {
            Blocks = [.. reply.Blocks, new ImageBlock(png.FileName, BurnDownCharts.AltText(service, results))],
            Attachments = [.. reply.Attachments, png],
        };
    }

    /// <summary>A budget button's service (its value), or a friendly error when it left the catalog.</summary>
    public static async Task<Reply?> ForClickAsync(ISloCatalog catalog, BudgetAnswers answers, ButtonClick click, CancellationToken cancellationToken)
    {
        if (click.Value is not { } name || catalog.FindService(name) is not { } service)
            return Reply.BadCommand($"The service '{click.Value}' of that button is no longer in the catalog.");
        return await answers.ForAsync(service, service.Slos, cancellationToken).ConfigureAwait(false);
    }
}
