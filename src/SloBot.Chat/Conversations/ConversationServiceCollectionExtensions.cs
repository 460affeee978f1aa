using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.Commands;

namespace SloBot.Chat.Conversations;

public static class ConversationServiceCollectionExtensions
{
    /// <summary>
    /// The conversation engine (thread replies, step buttons, idle sweeper, questionnaires) with options from
    /// <c>SloBot:Conversations</c>. Flows come from the capabilities that register them (<c>AddRetrospectives</c>,
    /// <c>AddReviews</c>, questionnaires). The store defaults to memory; <c>AddSloBotStorage</c> replaces it
    /// (call order does not matter).
    /// </summary>
    public static IServiceCollection AddSloBotConversations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<ConversationOptions, ConversationOptionsValidator>().Bind(configuration.GetSection(ConversationOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IConversationStore, InMemoryConversationStore>();
        services.TryAddSingleton<ConversationEngine>();
        services.TryAddSingleton<Delivery.ChatTransports>();
        services.TryAddSingleton<ThreadPosts>();
        services.TryAddSingleton<IQuestionnaires, Questionnaires>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IThreadMessageHandler, ConversationMessages>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IButtonHandler, ConversationButtons>());
        services.AddSingleton<ConversationSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<ConversationSweeper>());
        return services;
    }
}
