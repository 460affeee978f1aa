using System.Text;
using SloBot.Core.Catalog;
using SloBot.IntegrationTests.Prometheus;
using Xunit;

namespace SloBot.IntegrationTests.Catalog;

/// <summary>
/// Issue 11, "Figures": a status over hundreds of SLOs is counted in up to four queries sent at once (Prometheus evaluates
/// one query on one core), and a query Prometheus refuses still costs only its own SLO, whichever part it is in.
/// </summary>
[Collection(CatalogPrometheusCollection.Name)]
public sealed class ParallelPartsPrometheusTests(CatalogPrometheusFixture fixture)
{
    private const int Slos = 400;

    /// <summary>One Sloth file of <see cref="Slos"/> SLOs of service <c>wide</c>, alternately over alpha's and beta's counters; <paramref name="bad"/> uses a function Prometheus does not have.</summary>
    private static string Catalog(int? bad)
    {
        var sb = new StringBuilder("version: prometheus/v1\nservice: wide\nslos:\n");
        for (var i = 0; i < Slos; i++)
        {
            var service = i % 2 == 0 ? "alpha" : "beta";
            var increase = i == bad ? "increase_by_minute" : "increase";
            sb.Append($$$"""
                  - name: slo-{{{i:000}}}
                    objective: 99
                    sli:
                      events:
                        error_query: sum({{{increase}}}(app_requests_total{service="{{{service}}}",code="500"}[{{.window}}]))
                        total_query: sum(increase(app_requests_total{service="{{{service}}}"}[{{.window}}]))

                """);
        }

        return sb.ToString();
    }

    [Fact]
    public async Task Status_FourHundredSlos_CountedInFourQueriesSentAtOnceEachSloItsOwnCounts()
    {
        var catalog = CatalogReader.Read("wide.yaml", Catalog(bad: null));
        Assert.DoesNotContain(catalog.Problems, p => p.Severity == CatalogSeverity.Error);
        using var chat = new ChatHarness(fixture.Server.Url, catalog, CatalogPrometheusFixture.End);

        var reply = await chat.AskAsync("/slo status");

        Assert.Equal(0, reply.ExitCode);
        // Detection, the counts in four parts of 100 SLOs, the hourly history in two answers of bounded size.
        Assert.Equal(1 + 4 + 2, chat.Requests);
        var slos = ChatHarness.Json(reply).GetProperty("slos").EnumerateArray().ToArray();
        Assert.Equal(Slos, slos.Length);
        foreach (var slo in slos)
        {
            var service = int.Parse(slo.GetProperty("slo").GetString()!["slo-".Length..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 0 ? "alpha" : "beta";
            var bad = fixture.Requests(service, "500", TimeSpan.FromDays(2));
            var total = bad + fixture.Requests(service, "200", TimeSpan.FromDays(2));
            Assert.Equal(total, slo.GetProperty("totalEvents").GetDouble(), total * 1e-9);
            Assert.Equal(total - bad, slo.GetProperty("goodEvents").GetDouble(), total * 1e-9);
        }
    }

    [Fact]
    public async Task Status_OneRefusedQueryInOnePart_NamesItsSloAndAnswersTheOtherParts()
    {
        var catalog = CatalogReader.Read("wide.yaml", Catalog(bad: 250));
        using var chat = new ChatHarness(fixture.Server.Url, catalog, CatalogPrometheusFixture.End);

        var reply = await chat.AskAsync("/slo status");

        Assert.Equal(0, reply.ExitCode);
        var slos = ChatHarness.Json(reply).GetProperty("slos").EnumerateArray().ToDictionary(s => s.GetProperty("slo").GetString()!);
        var culprit = slos["slo-250"];
        Assert.Equal("nodata", culprit.GetProperty("status").GetString());
        Assert.Contains("unknown function with name \"increase_by_minute\"", culprit.GetProperty("sourceError").GetString()!, StringComparison.Ordinal);
        var answered = slos.Where(s => s.Key != "slo-250").Select(s => s.Value).ToArray();
        Assert.Equal(Slos - 1, answered.Length);
        Assert.All(answered, s => Assert.Equal(System.Text.Json.JsonValueKind.Null, s.GetProperty("sourceError").ValueKind));
        Assert.All(answered, s => Assert.True(s.GetProperty("totalEvents").GetDouble() > 0));
    }
}
