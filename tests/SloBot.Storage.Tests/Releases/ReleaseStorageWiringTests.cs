using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat;
using SloBot.Chat.Releases;
using SloBot.Storage.Releases;
using Xunit;
using SloBot.Chat.Budgets;
using SloBot.Chat.Catalog;
using SloBot.Chat.Tiers;
using SloBot.Chat.Design;
using SloBot.Chat.Journeys;

namespace SloBot.Storage.Tests.Releases;

public sealed class ReleaseStorageWiringTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AddSloBotStorage_AnyOrderWithChat_TheDecisionLogIsTheSqlOne(bool chatFirst)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SloBot:Storage:ConnectionString"] = "Data Source=:memory:" }).Build();
        var services = new ServiceCollection().AddLogging();
        if (chatFirst)
            services.AddSloBotChat().AddBudgets().AddCatalogCommand().AddReleases().AddTiers().AddDesign().AddJourneys();
        services.AddSloBotStorage(configuration);
        if (!chatFirst)
            services.AddSloBotChat().AddBudgets().AddCatalogCommand().AddReleases().AddTiers().AddDesign().AddJourneys();
        using var provider = services.BuildServiceProvider();

        Assert.IsType<SqlReleaseDecisionLog>(provider.GetRequiredService<IReleaseDecisionLog>());
        Assert.Single(provider.GetServices<IReleaseDecisionLog>());
        Assert.Contains(provider.GetServices<StorageMigration>(), m => m.Id == SqlReleaseDecisionLog.MigrationId);
    }
}
