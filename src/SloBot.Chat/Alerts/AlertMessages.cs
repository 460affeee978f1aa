using SloBot.Chat.Budgets;
using SloBot.Chat.Replies;
using SloBot.Core.Budgets;
using SloBot.Core.Design;

namespace SloBot.Chat.Alerts;

/// <summary>What an alert change says.</summary>
internal static class AlertMessages
{
    public static Reply Change(BurnRateEvaluation evaluation, AlertState? before, ErrorBudget budget, DateTimeOffset now)
    {
        var slo = evaluation.Slo;
        var name = $"{slo.Service} {slo.Name}";
        var budgetLeft = new ReplyField("Budget left", $"{BudgetFormat.Percent(budget.Remaining)} of {BudgetFormat.WindowWords(budget)} ({BudgetFormat.HealthWords(budget)})");
        var buttons = new[] { new ReplyButton(BudgetShowButton.Show, "Budget", slo.Service) };
        if (evaluation.Firing is not { } rule)
        {
            var longest = evaluation.Rules[0];
            var lasted = before is null ? "" : $" after {BudgetFormat.TwoUnits(now - before.Since)}";
            return new Reply
            {
                Header = $"✅ Resolved · {name}",
                Blocks = [new TextBlock($"The burn rate is back under every alert threshold{lasted} ({Window(longest.Rule.LongWindow)} {BudgetFormat.BurnRate(longest.LongRate)})."), new FieldsBlock([budgetLeft])],
                Buttons = buttons,
                Summary = $"Resolved: {name} burn rate back to normal",
                Data = new { slo = slo.Id.ToString(), severity = "ok", since = now },
            };
        }

        var (_, longRate, shortRate) = evaluation.Rules.First(r => r.Rule == rule);
        var page = rule.Severity == "page";
        var verb = before?.Severity == "page" && !page ? "down to a ticket" : page ? "paging" : "ticket";
        return new Reply
        {
            Header = $"{(page ? "🔴 Page" : "🟠 Ticket")} · {name} is burning its error budget",
            Blocks =
            [
                new TextBlock($"Burning **{BudgetFormat.BurnRate(longRate)}** over {Window(rule.LongWindow)} and **{BudgetFormat.BurnRate(shortRate)}** over {Window(rule.ShortWindow)} " +
                    $"(alert above {BudgetFormat.BurnRate(rule.Factor)}, {verb}): at this rate the whole {BudgetFormat.Length(budget.Span.Length)} budget lasts {BudgetFormat.TwoUnits(budget.Span.Length / longRate)}."),
                new FieldsBlock(
                [
                    budgetLeft,
                    new ReplyField("Exhaustion", BudgetFormat.Exhaustion(budget)),
                    new ReplyField("Rule", $"{Window(rule.LongWindow)} and {Window(rule.ShortWindow)} above {BudgetFormat.BurnRate(rule.Factor)} ({BudgetFormat.Percent(rule.BudgetConsumed, 0)} of the budget in {Window(rule.LongWindow)})"),
                ]),
            ],
            Buttons = buttons,
            Summary = $"{(page ? "Page" : "Ticket")}: {name} burning {BudgetFormat.BurnRate(longRate)} over {Window(rule.LongWindow)}",
            Data = new { slo = slo.Id.ToString(), severity = rule.Severity, since = now, burnRateLong = longRate, burnRateShort = shortRate, threshold = rule.Factor },
        };
    }

    private static string Window(TimeSpan window) => BudgetFormat.Length(window);
}
