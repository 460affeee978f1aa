using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.Commands;
using SloBot.Chat.Conversations;

namespace SloBot.Chat.Documents;

public static class DocumentServiceCollectionExtensions
{
    /// <summary>
    /// The published-document capability for one kind: <see cref="PublishedDocuments{TDocument}"/> and the kind's
    /// <c>list</c>, <c>resume</c> and <c>export</c> commands (needs <c>AddSloBotConversations</c>, whose flows draft
    /// the documents). Store contract: <see cref="IPublishedDocumentStore"/>; the kind's SQL table comes with its storage registration.
    /// </summary>
    public static IServiceCollection AddPublishedDocuments<TDocument>(this IServiceCollection services, DocumentKind<TDocument> kind)
        where TDocument : class
    {
        services.TryAddSingleton<IPublishedDocumentStore, InMemoryPublishedDocumentStore>();
        services.AddSingleton(kind);
        services.AddSingleton<PublishedDocuments<TDocument>>();
        services.AddSingleton<ICommandHandler>(sp => new DocumentListCommand<TDocument>(kind, sp.GetRequiredService<ConversationEngine>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ICommandHandler>(sp => new DocumentResumeCommand<TDocument>(kind, sp.GetRequiredService<ConversationEngine>(), sp.GetRequiredService<ThreadPosts>()));
        services.AddSingleton<ICommandHandler>(sp => new DocumentExportCommand<TDocument>(sp.GetRequiredService<PublishedDocuments<TDocument>>(), sp.GetRequiredService<ConversationEngine>()));
        return services;
    }
}
