using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat;
using SloBot.Chat.Conversations;
using SloBot.Chat.Documents;
using SloBot.Chat.Planning;
using SloBot.Chat.Retrospectives;
using SloBot.Chat.Reviews;
using SloBot.Storage.Documents;
using SloBot.Storage.Retrospectives;
using SloBot.Storage.Reviews;
using Xunit;

namespace SloBot.Storage.Tests.Documents;

public sealed class DocumentStorageWiringTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AddSloBotStorage_AnyOrderWithTheCapabilities_DocumentsAreInSql_WithATablePerKind(bool capabilitiesFirst)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["SloBot:Storage:ConnectionString"] = "Data Source=:memory:" }).Build();
        var services = new ServiceCollection().AddLogging();
        if (capabilitiesFirst)
            services.AddSloBotChat().AddSloBotConversations(configuration).AddRetrospectives().AddReviews().AddPlanning();
        services.AddSloBotStorage(configuration);
        if (!capabilitiesFirst)
            services.AddSloBotChat().AddSloBotConversations(configuration).AddRetrospectives().AddReviews().AddPlanning();
        using var provider = services.BuildServiceProvider();

        Assert.IsType<SqlPublishedDocumentStore>(provider.GetRequiredService<IPublishedDocumentStore>());
        Assert.Equal(["plan", "retro", "review"], provider.GetServices<DocumentTable>().Select(t => t.Kind).Order(StringComparer.Ordinal));
        Assert.Contains(provider.GetServices<StorageMigration>(), m => m.Id == RetrospectiveStorage.MigrationId);
        Assert.Contains(provider.GetServices<StorageMigration>(), m => m.Id == ReviewStorage.MigrationId);
        Assert.Contains(provider.GetServices<StorageMigration>(), m => m.Id == SloBot.Storage.Planning.PlanningStorage.PlansMigrationId);
        Assert.IsType<SloBot.Storage.Planning.SqlPlanStore>(provider.GetRequiredService<SloBot.Chat.Planning.IPlanStore>());
        Assert.Single(services, d => d.ServiceType == typeof(PublishedDocuments<RetrospectiveDocument>)); // AddReviews added retrospectives only once
    }
}
