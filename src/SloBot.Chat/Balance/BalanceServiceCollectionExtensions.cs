using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Capabilities;
using SloBot.Chat.Commands;
using SloBot.Chat.Teams;

namespace SloBot.Chat.Balance;

public static class BalanceServiceCollectionExtensions
{
    /// <summary><c>/slo balance</c> and the split in the product summary; options from <c>SloBot:Teams</c> (<c>AddTeams</c>).</summary>
    public static IServiceCollection AddBalance(this IServiceCollection services)
    {
        if (!services.TryAddCapability<BalanceCommand>())
            return services;
        services.AddTeams();
        services.AddSingleton<BalanceSummary>();
        services.AddCommand<BalanceCommand>();
        return services;
    }
}
