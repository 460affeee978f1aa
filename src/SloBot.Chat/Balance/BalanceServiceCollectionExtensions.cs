using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Capabilities;
using SloBot.Chat.Commands;
using SloBot.Chat.Teams;

namespace SloBot.Chat.Balance;

public static class BalanceServiceCollectionExtensions
{
    /// <summary><c>/slo balance</c> and the split in the product summary; <c>SloBot:Teams</c> of <paramref name="configuration"/> (<c>AddTeams</c>).</summary>
    public static IServiceCollection AddBalance(this IServiceCollection services, IConfiguration? configuration = null)
    {
        if (!services.TryAddCapability<BalanceCommand>())
            return services;
        services.AddTeams(configuration);
        services.AddSingleton<BalanceSummary>();
        services.AddCommand<BalanceCommand>();
        return services;
    }
}
