using System.Text;
using SloBot.Core.Catalog;
using SloBot.Core.Design;
using SloBot.IntegrationTests.Prometheus;
using SloBot.Sli.Prometheus;
using Xunit;

namespace SloBot.IntegrationTests.RecordingRules;

/// <summary>
/// A real Prometheus with eight days of per-minute traffic for <c>shop</c> (incidents 2 h and 2 d ago) and, backfilled by
/// <c>promtool tsdb create-blocks-from rules</c> over the last 7 days and an hour (the window's events, which read the
/// recorded rates, in a second pass over the last 15 minutes), the recording rules of two SLOs that
/// read those counters: <c>shop/requests</c> with the rules <c>slobot rules</c> writes, and <c>legacy/requests</c> with
/// rules in Sloth's shape (error ratios only, and a period ratio that is deliberately wrong, 0.5, so a test shows it is never
/// read). <c>twin/requests</c> reads the same counters and has no rules.
/// </summary>
public sealed class RecordingRulesFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset End = new(2026, 1, 15, 0, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan Window = TimeSpan.FromDays(7);

    public static readonly TimeSpan[] SlothWindows = [TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(6), TimeSpan.FromDays(1), TimeSpan.FromDays(3)];

    private static string Slo(string service, string good, string total) => $$"""
        apiVersion: openslo/v1
        kind: SLO
        metadata: {name: requests}
        spec:
          service: {{service}}
          timeWindow: [{duration: 7d, isRolling: true}]
          indicator:
            metadata: {name: {{service}}-requests}
            spec:
              ratioMetric:
                good:
                  metricSource:
                    type: Prometheus
                    spec: {query: '{{good}}' }
                total:
                  metricSource:
                    type: Prometheus
                    spec: {query: '{{total}}' }
          objectives: [{target: 0.995}]
        """;

    private const string Good = """sum(rate(http_requests_total{service="shop",code="200"}[{{.window}}]))""";
    private const string Total = """sum(rate(http_requests_total{service="shop"}[{{.window}}]))""";

    public static string CatalogText { get; } = string.Join("\n---\n", Slo("shop", Good, Total), Slo("legacy", Good, Total), Slo("twin", Good, Total));

    public SyntheticTraffic Traffic { get; } = new SyntheticTraffic(End, TimeSpan.FromDays(8), TimeSpan.FromMinutes(1))
        .AddService("shop", 500, 0.001,
            (TimeSpan.FromDays(2), TimeSpan.FromHours(3), 0.02),
            (TimeSpan.FromHours(2), TimeSpan.FromMinutes(40), 0.05));

    public InMemorySloCatalog Catalog { get; } = CatalogReader.Read("shop.yaml", CatalogText);

    public PrometheusServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.DoesNotContain(Catalog.Problems, p => p.Severity == CatalogSeverity.Error);
        Server = await PrometheusServer.StartAsync(Traffic.WriteOpenMetrics);
        var shop = Catalog.Services.Single(s => s.Name == "shop");
        var slobotRules = CatalogRules.Write([shop], "shop", PromQlPreview.ForWindow);
        var rules = slobotRules + SlothShapedRules(Catalog.Services.Single(s => s.Name == "legacy").Slos[0]);
        await Server.BackfillRulesAsync(rules, End - Window - TimeSpan.FromHours(1), End, TimeSpan.FromMinutes(1));

        // The window's events read the recorded 5-minute rates, which promtool's server has only now: a second pass, over the
        // last quarter of an hour, of their own groups (evaluated every five minutes, as the rules say).
        var windowEvents = CatalogRules.Build([shop], PromQlPreview.ForWindow).Where(g => g.Name.StartsWith("slobot-slo-window-events-", StringComparison.Ordinal)).ToArray();
        Assert.Single(windowEvents);
        await Server.BackfillRulesAsync(PrometheusRulesWriter.WriteGroups(windowEvents), End - TimeSpan.FromMinutes(15), End, TimeSpan.FromMinutes(1));
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
            await Server.DisposeAsync();
    }

    /// <summary>Error ratios per window as Sloth names them (written here, not copied), and a wrong period ratio.</summary>
    private static string SlothShapedRules(SloDefinition slo)
    {
        var labels = $"sloth_id: \"{CatalogRules.SlothId(slo)}\"\n        sloth_service: \"{slo.Service}\"\n        sloth_slo: \"{slo.Name}\"";
        var sb = new StringBuilder("\n  - name: sloth-slo-sli-recordings-legacy-requests\n    rules:\n");
        foreach (var w in SlothWindows)
        {
            var window = Core.Budgets.SloWindow.Format(w);
            var good = Good.Replace("{{.window}}", window, StringComparison.Ordinal);
            var total = Total.Replace("{{.window}}", window, StringComparison.Ordinal);
            sb.Append($"      - record: slo:sli_error:ratio_rate{window}\n        expr: '1 - ({good} / {total})'\n        labels:\n        {labels}\n        sloth_window: \"{window}\"\n");
        }

        sb.Append($"      - record: slo:sli_error:ratio_rate7d\n        expr: 'vector(0.5)'\n        labels:\n        {labels}\n        sloth_window: \"7d\"\n");
        return sb.ToString().Replace("\n        sloth_", "\n          sloth_", StringComparison.Ordinal);
    }
}

[CollectionDefinition(Name)]
public sealed class RecordingRulesCollection : ICollectionFixture<RecordingRulesFixture>
{
    public const string Name = "RecordingRules";
}
