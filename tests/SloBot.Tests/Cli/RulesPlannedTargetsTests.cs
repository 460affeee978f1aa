using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Planning;
using SloBot.Core.Planning;
using SloBot.Storage;
using Xunit;

namespace SloBot.Tests.Cli;

/// <summary><c>slobot rules</c> writes the targets approved in quarterly plans (from the state database) once their quarter has started.</summary>
public sealed class RulesPlannedTargetsTests
{
    [Fact]
    public async Task Rules_WithAnApprovedTargetInForce_WritesItAndSaysSo()
    {
        using var cli = new CliRun();
        var catalog = cli.WriteCatalog();
        await ApproveAsync(cli, new Quarter(2020, 1), 0.9995); // long started
        await ApproveAsync(cli, new Quarter(2999, 1), 0.5);    // not yet

        var (code, stdout, stderr) = await cli.RunAsync("rules", catalog);

        Assert.True(code == 0, stderr);
        Assert.Contains("Approved target in force: shop/availability: 0.999 → 0.9995 (2020-Q1 plan)", stderr, StringComparison.Ordinal);
        Assert.Contains("sloth_objective: \"99.95\"", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("sloth_objective: \"99.9\"", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rules_WithoutAStateDatabase_WritesTheCatalogsTargetsAndCreatesNone()
    {
        using var cli = new CliRun();

        var (code, stdout, stderr) = await cli.RunAsync("rules", cli.WriteCatalog());

        Assert.True(code == 0, stderr);
        Assert.Contains("sloth_objective: \"99.9\"", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Approved target", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(cli.Dir, "state.db")));
    }

    private static async Task ApproveAsync(CliRun cli, Quarter quarter, double target)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [StorageOptions.ConnectionStringKey] = $"Data Source={Path.Combine(cli.Dir, "state.db")}" }).Build();
        await using var services = new ServiceCollection().AddLogging().AddSloBotStorage(config).BuildServiceProvider();
        await services.GetRequiredService<Database>().MigrateAsync(CancellationToken.None);
        var start = quarter.Start(TimeZoneInfo.Utc);
        await services.GetRequiredService<IPlanStore>().ApproveAsync(quarter, [new ApprovedTarget("shop", "availability", target, 0.999, quarter.ToString(), start, "plan-1", "U1", start)], CancellationToken.None);
    }
}
