using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.Documents;

namespace SloBot.Storage.Documents;

public static class DocumentStorage
{
    /// <summary>
    /// Fulfils the published-document store contract in SQL and declares where one kind's documents live (the kind's
    /// own migration creates the table; <see cref="DocumentTable.Schema"/> writes it for a new kind).
    /// </summary>
    public static IServiceCollection AddDocumentTable(this IServiceCollection services, DocumentTable table)
    {
        services.Replace(ServiceDescriptor.Singleton<IPublishedDocumentStore, SqlPublishedDocumentStore>());
        services.AddSingleton(table);
        return services;
    }
}
