using Microsoft.Extensions.DependencyInjection;

namespace SloBot.Chat.Conversations;

public static class FlowServiceCollectionExtensions
{
    /// <summary>Registers a flow: the engine finds it by its <see cref="ConversationFlow.Kind"/> (also as <typeparamref name="TFlow"/> for its start command).</summary>
    public static IServiceCollection AddConversationFlow<TFlow>(this IServiceCollection services)
        where TFlow : ConversationFlow
    {
        services.AddSingleton<TFlow>();
        services.AddSingleton<ConversationFlow>(sp => sp.GetRequiredService<TFlow>());
        return services;
    }
}
