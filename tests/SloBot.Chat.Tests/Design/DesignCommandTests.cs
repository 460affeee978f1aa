using System.Text;
using SloBot.Chat.Design;
using SloBot.Chat.Replies;
using SloBot.Chat.Tests.Tiers;
using SloBot.Chat.Tiers;
using SloBot.Core.Catalog;
using SloBot.Core.Tiers;
using Xunit;

namespace SloBot.Chat.Tests.Design;

public sealed class DesignCommandTests
{
    private readonly InMemoryTierAdoptions _adoptions = new();

    private Task<Reply> Run(string text) =>
        ChatTestKit.RouteAsync(new DesignCommand(ChatTestKit.Catalog(), _adoptions), text);

    [Fact]
    public async Task Handle_CatalogService_DesignsForItsTierAndAttachesThreeFiles()
    {
        var reply = await Run("payment");

        Assert.Equal(ExitCodes.Answered, reply.ExitCode);
        var data = Assert.IsType<DesignData>(reply.Data);
        Assert.Equal(("essential", "catalog", true), (data.Tier, data.TierSource, data.InCatalog));
        Assert.Equal(
            [("payment-openslo.yaml", "application/yaml"), ("payment-slo-rules.yaml", "application/yaml"), ("payment-slo-dashboard.json", "application/json")],
            reply.Attachments.Select(a => (a.FileName, a.ContentType)));
        Assert.Equal(data.Files, reply.Attachments.Select(a => a.FileName));
        Assert.Contains("slo:sli_error:ratio_rate1h", Encoding.UTF8.GetString(reply.Attachments[1].Content), StringComparison.Ordinal);
        Assert.Contains("43 minutes 12 seconds of downtime", reply.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_Dependencies_ComeFromTheirSlosOrTiersAndLimitTheTarget()
    {
        var essential = (DesignData)(await Run("payment")).Data!;
        var critical = (DesignData)(await Run("payment tier=critical")).Data!;

        Assert.Equal(
            [("database", (double?)99.95, "SLO availability"), ("cache", 99.95, "catalog tier critical"), ("ledger", null, "not in the catalog")],
            essential.ServiceContext.Dependencies.Select(d => (d.Service, d.Availability, d.Source)));
        Assert.Equal(99.900025, essential.ServiceContext.DependencyAvailabilityLimit!.Value, 6);
        Assert.DoesNotContain(essential.Warnings, w => w.Contains("is above", StringComparison.Ordinal));
        Assert.Contains(critical.Warnings, w => w.Contains("99.95 % is above the 99.9 %", StringComparison.Ordinal));
        Assert.Equal(("critical", "option"), (critical.Tier, critical.TierSource));
    }

    [Fact]
    public async Task Handle_AdoptedTier_WinsOverTheCatalog()
    {
        await _adoptions.AdoptAsync(new TierAdoption("payment", ServiceTier.Standard, "U-owner", ChatTestKit.Now), CancellationToken.None);

        var data = (DesignData)(await Run("payment")).Data!;
        var tier = (DesignData)(await Run("payment targets=tier")).Data!;

        Assert.Equal(("standard", "adopted"), (data.Tier, data.TierSource));
        Assert.Equal(0.999, data.Slos[0].Target); // the catalog SLO keeps its target by default
        Assert.Equal(0.995, tier.Slos[0].Target);
        Assert.Equal(12960, tier.Slos[0].AllowedBadSeconds);
    }

    /// <summary>Issue 12 item 9: the catalog's target is what budgets and releases use, so the design keeps it and proposes the tier's.</summary>
    [Fact]
    public async Task Handle_CatalogTargetDiffersFromTheTier_KeptByDefault_TierProposedWithTheBudgetDifference()
    {
        var reply = await Run("payment tier=critical");

        var data = (DesignData)reply.Data!;
        var availability = data.Slos[0];
        Assert.Equal((0.999, (double?)0.999, (double?)0.9995), (availability.Target, availability.CatalogTarget, availability.TierTarget));
        Assert.Equal(21.6, availability.BudgetDifferenceMinutes!.Value, 9); // 0.05 % of 30 days: the catalog's target allows 21.6 minutes more
        Assert.Contains(data.Warnings, w => w.Contains("The catalog's availability SLO targets 99.9 %, kept in this design; the critical tier proposes 99.95 %, 21.6 minutes less budget per 30 days (`targets=tier` designs with it).", StringComparison.Ordinal));
        var text = reply.PlainText();
        Assert.Contains("99.9 % (catalog; the tier proposes 99.95 %: 21 minutes 36 seconds less budget)", text, StringComparison.Ordinal);
        Assert.Contains("`slobot ask \"/slo design payment tier=critical\" --out DIR`", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_TargetsTier_DesignsTheTiersTarget_WarnsAndRepeatsTheOptions()
    {
        var reply = await Run("payment tier=critical targets=tier");

        var data = (DesignData)reply.Data!;
        Assert.Equal((0.9995, (double?)0.999), (data.Slos[0].Target, data.Slos[0].CatalogTarget));
        Assert.Equal(-21.6, data.Slos[0].BudgetDifferenceMinutes!.Value, 9);
        Assert.Contains(data.Warnings, w => w.Contains("this design uses the critical tier's 99.95 % (targets=tier), 21.6 minutes less budget per 30 days", StringComparison.Ordinal));
        Assert.Contains("99.95 % (tier; the catalog has 99.9 %: 21 minutes 36 seconds more budget)", reply.PlainText(), StringComparison.Ordinal);
        Assert.Contains("/slo design payment tier=critical targets=tier", reply.Context, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadCommand, (await Run("payment targets=tire")).ExitCode);
    }

    [Fact]
    public async Task Handle_CatalogTargetEqualsTheTier_NoProposalNoWarning()
    {
        var data = (DesignData)(await Run("payment")).Data!;

        Assert.Null(data.Slos[0].TierTarget);
        Assert.DoesNotContain(data.Warnings, w => w.Contains("proposes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Handle_BestEffort_NoAlertPages_TicketsOnly()
    {
        var reply = await Run("ledger tier=best_effort");

        var data = (DesignData)reply.Data!;
        Assert.All(data.BurnRateAlerts, a => Assert.Equal("ticket", a.Severity));
        Assert.DoesNotContain("pagerduty", data.MeasurementStrategy.AlertDestinations);
        Assert.Contains(data.Warnings, w => w.Contains("every burn-rate alert is a ticket", StringComparison.Ordinal));
        var rules = Encoding.UTF8.GetString(reply.Attachments[1].Content);
        Assert.DoesNotMatch("severity: \"?page", rules);
        Assert.Matches("severity: \"?ticket", rules);
        Assert.Matches("severity: \"?page", Encoding.UTF8.GetString((await Run("ledger tier=standard")).Attachments[1].Content));
    }

    [Fact]
    public async Task Handle_NoTierKnown_SaysHowToGiveOne()
    {
        var reply = await Run("search");

        Assert.Equal(ExitCodes.BadCommand, reply.ExitCode);
        Assert.Contains("`/slo design search tier=essential`", reply.PlainText(), StringComparison.Ordinal);
        Assert.Contains("`/slo tier search`", reply.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_UnknownTier_ListsTiersWithDidYouMean()
    {
        var reply = await Run("payment tier=critcal");

        Assert.Equal(ExitCodes.BadCommand, reply.ExitCode);
        Assert.Contains("did you mean `tier=critical`", reply.PlainText(), StringComparison.Ordinal);
        Assert.Contains("`best_effort`", reply.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_NewService_IsDesignedAndSaysItIsNotInTheCatalog()
    {
        var reply = await Run("ledger tier=best_effort");

        var data = (DesignData)reply.Data!;
        Assert.False(data.InCatalog);
        Assert.Contains(data.Warnings, w => w.Contains("ledger is not in the SLO catalog", StringComparison.Ordinal));
        Assert.Equal([14.4, 6, 3, 1], data.BurnRateAlerts.Select(a => a.Factor));
        Assert.Equal(3600, data.BurnRateAlerts[0].LongWindowSeconds);
        var yaml = Encoding.UTF8.GetString(reply.Attachments[0].Content);
        var readBack = CatalogReader.Read("ledger.yaml", yaml);
        Assert.Equal("best_effort", Assert.Single(readBack.Services).Tier);
    }
}
