using SloBot.Chat.Teams;

namespace SloBot.Chat.Balance;

/// <summary>The split for the product summary: over the only configured team's capacity, else percentages only.</summary>
internal sealed class BalanceSummary(SloPerformanceReader performances, TeamChoice teams)
{
    public async Task<BalanceAdvice> ReadAsync(CancellationToken cancellationToken)
    {
        var (team, settings, _) = teams.Resolve(Commands.CommandArgs.Parse([]));
        return BalanceAdvice.For(team, settings?.CapacityHours, await performances.ReadAsync(cancellationToken).ConfigureAwait(false));
    }
}
