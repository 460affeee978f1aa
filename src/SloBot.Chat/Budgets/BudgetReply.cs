using SloBot.Chat.Replies;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;

namespace SloBot.Chat.Budgets;

internal static class BudgetReply
{
    public static Reply Render(ServiceDefinition service, IReadOnlyList<ErrorBudget> budgets)
    {
        var blocks = new List<ReplyBlock>();
        foreach (var b in budgets)
        {
            if (blocks.Count > 0)
                blocks.Add(new DividerBlock());
            blocks.Add(new TextBlock($"{BudgetFormat.StatusEmoji(b.Status)} **{b.Slo.Name}** — {BudgetFormat.Target(b.Slo.Target)} over {BudgetFormat.WindowWords(b)}: **{b.Status.ToWords()}**"));
            if (b.SourceError is { } sourceError)
            {
                blocks.Add(new TextBlock($"⚠️ Not counted: {sourceError}"));
                continue;
            }

            if (!b.HasData)
            {
                blocks.Add(new TextBlock($"No events {(b.Span.IsCalendar ? "since the period started" : $"over the {BudgetFormat.Length(b.Slo.Window)} window")}: SloBot cannot tell how much budget is left. Check that the SLO's queries return data (a typo, a new service or an empty store)."));
                continue;
            }

            var fields = new List<ReplyField>
            {
                new ReplyField("SLI", b.Sli is { } sli ? BudgetFormat.Percent(sli, 3) : "no events in the window"),
                new ReplyField("Budget remaining", $"{BudgetFormat.Percent(b.Remaining)} ({BudgetFormat.RemainingTime(b)})"),
                new ReplyField("Budget consumed", BudgetFormat.Percent(b.Consumed)),
                b.Slo.TimeSlices is { } slices
                    ? new ReplyField("Slices", $"{BudgetFormat.Count(b.Period.Bad)} bad of {BudgetFormat.Count(b.Period.Total)} {BudgetFormat.SliceWord(slices.Slice)}s with data ({b.Slo.BudgetingMethod()})")
                    : new ReplyField("Events", $"{BudgetFormat.Count(b.Period.Bad)} bad of {BudgetFormat.Count(b.Period.Total)}"),
                new ReplyField("Burn rate", string.Join(" · ", b.BurnRates.Select(r => $"{SloWindow.Format(r.Window)} {BudgetFormat.BurnRate(r.Rate)}"))),
                new ReplyField("Trend", b.Trend().ToWords()),
                new ReplyField("Exhaustion", BudgetFormat.Exhaustion(b)),
            };
            if (b.Source is { } source)
                fields.Add(new ReplyField("Source", source)); // "recording rules" or "raw counters" (Prometheus)
            blocks.Add(new FieldsBlock(fields));
            if (b.PartlyCovered)
                blocks.Add(new TextBlock(BudgetFormat.CoverageNote(b)));
        }

        var worst = budgets.OrderBy(b => b.Remaining).First();
        var noneCounted = budgets.All(b => b.SourceError is not null);
        return new Reply
        {
            // Every SLO asked for failed at the source: that is an SLI-source failure (exit 1), not an answer.
            ExitCode = noneCounted ? ExitCodes.SourceFailed : ExitCodes.Answered,
            Header = $"Error budget · {service.Name}",
            Blocks = blocks,
            Buttons = [new ReplyButton(BudgetButtons.Refresh, "Refresh", service.Name)],
            Context = budgets.Any(b => b.Span.IsCalendar)
                ? $"Up to {worst.At.UtcDateTime:yyyy-MM-dd HH:mm} UTC; calendar periods count from their start · burn rate 1× spends the budget exactly over the window"
                : $"Rolling windows ending {worst.At.UtcDateTime:yyyy-MM-dd HH:mm} UTC · burn rate 1× spends the budget exactly over the window",
            Summary = noneCounted
                ? $"The SLI source failed for {service.Name}: {budgets[0].SourceError}"
                : worst.HasData
                ? $"{service.Name}: {BudgetFormat.Percent(worst.Remaining)} of the {worst.Slo.Name} budget left ({worst.Status.ToWords()})"
                : $"{service.Name}: no SLI data for {worst.Slo.Name}",
            Data = new { service = service.Name, slos = budgets.Select(BudgetSloData.From).ToArray() },
        };
    }
}
