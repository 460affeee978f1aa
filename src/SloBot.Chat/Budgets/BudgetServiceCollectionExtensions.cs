using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.Capabilities;
using SloBot.Chat.Commands;

namespace SloBot.Chat.Budgets;

public static class BudgetServiceCollectionExtensions
{
    /// <summary><c>/slo budget</c> (with burn-down charts when the host registers an <see cref="IBurnDownRenderer"/>), <c>/slo status</c> and their buttons.</summary>
    public static IServiceCollection AddBudgets(this IServiceCollection services)
    {
        if (!services.TryAddCapability<BudgetCommand>())
            return services;
        services.TryAddSingleton<BudgetQuery>();
        services.AddSingleton<BurnDownCharts>();
        services.AddSingleton<BudgetAnswers>();
        services.AddSingleton<IButtonHandler, BudgetButtons>();
        services.AddSingleton<IButtonHandler, BudgetShowButton>();
        services.AddCommand<BudgetCommand>();
        services.AddCommand<StatusCommand>();
        return services;
    }
}
