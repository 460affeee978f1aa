using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.ActionItems;
using SloBot.Chat.Conversations;
using SloBot.Chat.Retrospectives;
using SloBot.Chat.Reviews;

namespace SloBot.Storage.Conversations;

public static class ConversationStorageServiceCollectionExtensions
{
    /// <summary>SQL stores for conversations, retrospectives, weekly reviews and action items (replacing the in-memory defaults).</summary>
    public static IServiceCollection AddConversationStorage(this IServiceCollection services)
    {
        services.AddStorageMigration(ConversationSchema.MigrationId, ConversationSchema.Sql);
        services.Replace(ServiceDescriptor.Singleton<IConversationStore, SqlConversationStore>());
        services.Replace(ServiceDescriptor.Singleton<IRetrospectiveStore, SqlRetrospectiveStore>());
        services.Replace(ServiceDescriptor.Singleton<IActionItemStore, SqlActionItemStore>());
        services.Replace(ServiceDescriptor.Singleton<IWeeklyReviewStore, SqlWeeklyReviewStore>());
        return services;
    }
}
