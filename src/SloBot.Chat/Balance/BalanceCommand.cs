using SloBot.Chat.Commands;
using SloBot.Chat.Replies;
using SloBot.Chat.Teams;

namespace SloBot.Chat.Balance;

/// <summary><c>/slo balance [capacity=HOURS] [team=…]</c>: seed 004's reliability vs feature velocity split on live budgets.</summary>
internal sealed class BalanceCommand(SloPerformanceReader performances, TeamChoice teams) : ICommandHandler
{
    public CommandSpec Spec { get; } = new(
        "balance",
        "Reliability vs feature time: the 70/30 split moved by the SLOs' average gap, in hours",
        [
            new CommandOption("capacity", "Engineering hours to split (default SloBot:Teams:<team>:CapacityHours)", OptionKind.Number),
            new CommandOption("team", "A team of SloBot:Teams (default: the only one configured)"),
        ],
        ["/slo balance capacity=400", "/slo balance team=payments"]);

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (TeamArguments.Unknown(context.Args, Spec) is { } unknown)
            return unknown;
        var (capacity, bad) = TeamArguments.Number(context.Args, "capacity", 0, TeamOptions.MaxCapacityHours, "the hours to split", "400", minExclusive: true);
        if (bad is not null)
            return bad;
        var (team, settings, error) = teams.Resolve(context.Args);
        if (error is not null)
            return error;
        var advice = BalanceAdvice.For(team, capacity ?? settings?.CapacityHours, await performances.ReadAsync(cancellationToken).ConfigureAwait(false));
        return BalanceReply.Render(advice);
    }
}
