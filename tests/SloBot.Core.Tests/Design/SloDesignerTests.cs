using SloBot.Core.Catalog;
using SloBot.Core.Design;
using SloBot.Core.Tiers;
using Xunit;

namespace SloBot.Core.Tests.Design;

public sealed class SloDesignerTests
{
    [Fact]
    public void Design_CriticalTier_HasTheDocumentsTargetsAndBudget()
    {
        var spec = DesignKit.Critical();

        Assert.Equal(0.9995, spec.Availability.Definition.Target);
        Assert.Equal(0.0005, spec.Availability.ErrorBudget);
        Assert.Equal(TimeSpan.FromMinutes(21.6), spec.Availability.AllowedBadTime);
        Assert.Equal(TimeSpan.FromDays(30), spec.Availability.Definition.Window);
        Assert.Equal("latency", spec.Slos[1].Name);
        Assert.Equal(0.99, spec.Slos[1].Definition.Target);
        Assert.Contains("le=\"0.1\"", spec.Slos[1].Definition.Indicator.Good, StringComparison.Ordinal);
        Assert.Equal(4, spec.SliCandidates.Count);
    }

    [Fact]
    public void Design_BurnRateAlerts_AreTheDocumentsPairsCompletedFromTheWorkbook()
    {
        var alerts = DesignKit.Critical().BurnRateAlerts;

        Assert.Equal(
            [("page", "01:00:00", "00:05:00", 14.4, 0.02), ("ticket", "06:00:00", "00:30:00", 6.0, 0.05), ("ticket", "1.00:00:00", "02:00:00", 3.0, 0.10), ("ticket", "3.00:00:00", "06:00:00", 1.0, 0.10)],
            alerts.Select(a => (a.Severity, a.LongWindow.ToString(), a.ShortWindow.ToString(), a.Factor, a.BudgetConsumed)));
        Assert.Equal(TimeSpan.FromDays(30) / 14.4, alerts[0].TimeToExhaustion(TimeSpan.FromDays(30)));
    }

    [Fact]
    public void Design_TargetAboveTheDependencyProduct_Warns()
    {
        var spec = DesignKit.Critical();

        Assert.Equal(99.94, spec.Dependencies.AvailabilityPercent!.Value, 4); // 99.95 % × 99.99 %
        Assert.Contains(spec.Warnings, w => w.Contains("99.95 % is above the 99.94 %", StringComparison.Ordinal) && w.Contains("database 99.95 %", StringComparison.Ordinal));
    }

    [Fact]
    public void Design_TargetWithinTheDependencyProduct_DoesNotWarn()
    {
        var spec = SloDesigner.Design(new DesignRequest("payment", ServiceTier.Standard, "option", DesignKit.Payment,
            [new DependencySlo("database", 99.95, "SLO availability"), new DependencySlo("queue", null, "unknown")]));

        Assert.DoesNotContain(spec.Warnings, w => w.Contains("is above", StringComparison.Ordinal));
        Assert.Contains(spec.Warnings, w => w.Contains("No SLO or tier is known for queue", StringComparison.Ordinal));
    }

    [Fact]
    public void Design_CatalogServiceWithAnAvailabilitySlo_KeepsItsQueries()
    {
        var query = new SliQuery(SliQueryKind.WindowTemplate, null, "sum(rate(pay_errors_total[{{.window}}]))", "sum(rate(pay_total[{{.window}}]))");
        var service = DesignKit.Payment with { Slos = [new SloDefinition("payment", "availability", 0.999, TimeSpan.FromDays(30), query)] };

        var spec = DesignKit.Critical(service);

        Assert.True(spec.Availability.QueriesFromCatalog);
        Assert.Same(query, spec.Availability.Definition.Indicator);
        Assert.Equal(0.999, spec.Availability.Definition.Target); // the catalog's target is kept, the tier's proposed
        Assert.Equal((0.999, 0.9995), (spec.Availability.CatalogTarget, spec.Availability.TierTarget));
        Assert.Equal(TimeSpan.FromMinutes(21.6), spec.Availability.BudgetDifference);
        Assert.Contains(spec.Warnings, w => w.Contains("targets 99.9 %, kept in this design; the critical tier proposes 99.95 %", StringComparison.Ordinal));
        Assert.Equal("(\n  (sum(rate(pay_errors_total[1h])))\n)\n/\n(\n  (sum(rate(pay_total[1h])))\n)", SliPromQl.ErrorRatio(query, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Design_ServiceNotInCatalog_SaysSo()
    {
        var spec = SloDesigner.Design(new DesignRequest("newsvc", ServiceTier.BestEffort, "option", null, []));

        Assert.False(spec.InCatalog);
        Assert.Null(spec.Dependencies.AvailabilityPercent);
        Assert.Contains(spec.Warnings, w => w.Contains("not in the SLO catalog", StringComparison.Ordinal));
        Assert.Equal(TimeSpan.FromHours(7.2), spec.Availability.AllowedBadTime);
    }

    [Fact]
    public void ErrorRatio_CounterQueries_RateEverySelector()
    {
        var counter = new SliQuery(SliQueryKind.Counter, "sum by (code) (http_requests_total{code!~\"5..\"})", null, "http_requests_total");

        Assert.Equal(
            "1 - (\n  (\n    sum(sum by (code) (rate(http_requests_total{code!~\"5..\"}[5m])))\n  )\n  /\n  (\n    sum(rate(http_requests_total[5m]))\n  )\n)",
            SliPromQl.ErrorRatio(counter, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void DashboardUid_LongOrOddNames_StayWithinGrafanasLimits()
    {
        Assert.Equal("slobot-payment", SloDesigner.DashboardUid("payment"));
        var uid = SloDesigner.DashboardUid("a very/long service name that goes on and on");
        Assert.True(uid.Length <= 40);
        Assert.Matches("^[a-z0-9_-]+$", uid);
    }
}
