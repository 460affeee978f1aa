using SloBot.Chat.Commands;
using SloBot.Chat.Replies;
using SloBot.Chat.Teams;
using SloBot.Core.Budgets;
using SloBot.Core.Toil;

namespace SloBot.Chat.Toil;

/// <summary><c>/slo toil list [team-size=N] [team=…]</c>: the toil budget (seed 004's rules on live budgets) and the automation priority list.</summary>
internal sealed class ToilListCommand(IToilStore store, SloPerformanceReader performances, TeamChoice teams) : ICommandHandler
{
    public CommandSpec Spec { get; } = new(
        "toil list",
        "Toil tasks ranked for automation (score, ROI) and the toil budget from the SLOs",
        [
            new CommandOption("team-size", "Engineers in the team (default SloBot:Teams:<team>:Size, else 1)", OptionKind.Integer),
            new CommandOption("team", "A team of SloBot:Teams (default: the only one configured)"),
        ],
        ["/slo toil list team-size=6"]);

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (TeamArguments.Unknown(context.Args, Spec) is { } unknown)
            return unknown;
        var (size, bad) = TeamArguments.Whole(context.Args, "team-size", 1, TeamOptions.MaxSize, "the engineers in the team", "6");
        if (bad is not null)
            return bad;
        var (team, settings, error) = teams.Resolve(context.Args);
        if (error is not null)
            return error;
        var teamSize = size ?? settings?.Size;
        var slos = await performances.ReadAsync(cancellationToken).ConfigureAwait(false);
        double? average = slos.Counted.Count == 0 ? null : SloPerformance.AverageActual(slos.Values);
        var budget = ToilBudget.Calculate(average is { } a ? ToilBudget.Adjustment(a) : 0, teamSize ?? 1);
        var tasks = AutomationPriority.Rank(await store.ListAsync(cancellationToken).ConfigureAwait(false), s => s.Task);
        return ToilListReply.Render(new ToilReport(team, teamSize, average, budget, tasks, slos));
    }
}

/// <summary>What <c>/slo toil list</c> shows.</summary>
internal sealed record ToilReport(string? Team, int? TeamSize, double? AverageSlo, ToilAllowance Budget, IReadOnlyList<RankedToilTask<StoredToilTask>> Tasks, SloPerformances Slos)
{
    public double RecordedHoursPerWeek => Tasks.Sum(t => t.Item.Task.HoursPerWeek);
}
