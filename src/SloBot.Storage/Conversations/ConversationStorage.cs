using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.Conversations;

namespace SloBot.Storage.Conversations;

public static class ConversationStorage
{
    /// <summary>The conversation engine's store in SQL (replacing the in-memory default) and its migrations.</summary>
    public static IServiceCollection AddConversationsStorage(this IServiceCollection services)
    {
        services.AddStorageMigration(ConversationSchema.MigrationId, ConversationSchema.Sql, replaces: ConversationSchema.LegacyMigrationId);
        services.Replace(ServiceDescriptor.Singleton<IConversationStore, SqlConversationStore>());
        return services;
    }
}
