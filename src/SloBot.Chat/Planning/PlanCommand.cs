using SloBot.Chat.Commands;
using SloBot.Chat.Replies;
using SloBot.Core.Planning;
using SloBot.Core.Sli;

namespace SloBot.Chat.Planning;

/// <summary><c>/slo plan [quarter]</c>: seed 004's quarterly planning in one answer (review, proposals, roadmap).</summary>
internal sealed class PlanCommand(QuarterPlanReader reader, IPlanStore plans) : ICommandHandler
{
    public CommandSpec Spec { get; } = new(
        "plan",
        "Quarterly SLO planning: last quarter's SLIs, proposed targets and budgets, the reliability roadmap",
        [new CommandOption("quarter", "The quarter to plan, 2027-Q1 or Q1 (default: the next quarter)", Positional: true)],
        ["/slo plan", "/slo plan 2027-Q1"]);

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var (quarter, bad) = PlanArguments.Quarter(context.Args.At(0), reader);
        if (bad is not null)
            return bad;
        try
        {
            var ratings = await plans.RatingsAsync(quarter, cancellationToken).ConfigureAwait(false);
            var draft = await reader.ReadAsync(quarter, ratings, cancellationToken).ConfigureAwait(false);
            return PlanReply.Render(draft, reader.Zone);
        }
        catch (SliSourceException ex)
        {
            return Reply.SourceFailed($"The SLI source failed, so {quarter} cannot be planned: {ex.Message}");
        }
    }
}

/// <summary>The quarter word of <c>/slo plan</c> and <c>/slo plan start</c>.</summary>
internal static class PlanArguments
{
    public static (Quarter Quarter, Reply? Error) Quarter(string? word, QuarterPlanReader reader)
    {
        if (word is null)
            return (reader.DefaultQuarter, null);
        if (!Core.Planning.Quarter.TryParse(word, reader.Now, reader.Zone, out var q))
            return (default, Reply.BadCommand($"'{word}' is not a quarter: write it like `2027-Q1` (year 2000–2999, quarter 1–4) or `Q1` for the next Q1, for example `/slo plan {reader.DefaultQuarter}`."));
        return reader.Refusal(q) is { } refusal ? (default, Reply.BadCommand(refusal)) : (q, null);
    }
}
