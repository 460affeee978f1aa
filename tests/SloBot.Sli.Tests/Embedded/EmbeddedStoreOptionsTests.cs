using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SloBot.Sli;
using SloBot.Sli.Embedded;
using Xunit;

namespace SloBot.Sli.Tests.Embedded;

public sealed class EmbeddedStoreOptionsTests
{
    [Theory]
    [InlineData(null, null, "Data Source=slobot.db")]
    [InlineData("Data Source=/var/lib/slobot/state.db", null, "Data Source=/var/lib/slobot/state.db")]
    [InlineData("Host=db;Username=slobot;Database=slobot", null, "Data Source=slobot-sli.db")]
    [InlineData("Host=db;Username=slobot;Database=slobot", "Data Source=/data/sli.db", "Data Source=/data/sli.db")]
    public void ConnectionString_FollowsTheStateDatabase_UnlessThatIsPostgres(string? storage, string? embedded, string expected)
    {
        var options = Resolve(storage, embedded);
        Assert.Equal(expected, options.Value.ConnectionString);
    }

    [Fact]
    public void PostgresConnectionString_ForTheEmbeddedStore_IsRefusedNamingTheKey()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(null, "Host=db;Database=slobot").Value);
        Assert.Contains("SloBot:Sli:Embedded:ConnectionString must be a SQLite connection string", error.Message, StringComparison.Ordinal);
    }

    private static IOptions<EmbeddedStoreOptions> Resolve(string? storage, string? embedded)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SloBot:Storage:ConnectionString"] = storage,
            ["SloBot:Sli:Embedded:ConnectionString"] = embedded,
        }).Build();
        return new ServiceCollection().AddEmbeddedSliStore(config).BuildServiceProvider().GetRequiredService<IOptions<EmbeddedStoreOptions>>();
    }
}
