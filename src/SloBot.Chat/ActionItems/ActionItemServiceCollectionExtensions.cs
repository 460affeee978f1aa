using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.Capabilities;
using SloBot.Chat.Commands;

namespace SloBot.Chat.ActionItems;

public static class ActionItemServiceCollectionExtensions
{
    /// <summary><c>/slo actions</c> and <c>/slo action done</c>. Store contract: <see cref="IActionItemStore"/>.</summary>
    public static IServiceCollection AddActionItems(this IServiceCollection services)
    {
        if (!services.TryAddCapability<ActionsCommand>())
            return services;
        services.TryAddSingleton<IActionItemStore, InMemoryActionItemStore>();
        services.AddCommand<ActionsCommand>();
        services.AddCommand<ActionDoneCommand>();
        return services;
    }
}
