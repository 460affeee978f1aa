using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat;
using SloBot.Chat.Tiers;
using SloBot.Storage.Tiers;
using Xunit;
using SloBot.Chat.Budgets;
using SloBot.Chat.Catalog;
using SloBot.Chat.Releases;
using SloBot.Chat.Design;
using SloBot.Chat.Journeys;

namespace SloBot.Storage.Tests.Tiers;

public sealed class TierStorageWiringTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AddSloBotStorage_AnyOrderWithChat_AdoptionsAreTheSqlOnes(bool chatFirst)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["SloBot:Storage:ConnectionString"] = "Data Source=:memory:" }).Build();
        var services = new ServiceCollection().AddLogging();
        if (chatFirst)
            services.AddSloBotChat().AddBudgets().AddCatalogCommand().AddReleases().AddTiers().AddDesign().AddJourneys();
        services.AddSloBotStorage(configuration);
        if (!chatFirst)
            services.AddSloBotChat().AddBudgets().AddCatalogCommand().AddReleases().AddTiers().AddDesign().AddJourneys();
        using var provider = services.BuildServiceProvider();

        Assert.IsType<SqlTierAdoptions>(provider.GetRequiredService<ITierAdoptions>());
        Assert.Contains(provider.GetServices<StorageMigration>(), m => m.Id == SqlTierAdoptions.MigrationId);
    }
}
