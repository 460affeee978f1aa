using System.Text.Json;
using SloBot.Chat.Releases;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Releases;
using SloBot.Core.Sli;
using SloBot.IntegrationTests.Prometheus;
using Xunit;

namespace SloBot.IntegrationTests.Releases;

/// <summary>
/// The release decision and its "budget back on" dates from a real Prometheus history (the shared fixture: payment
/// with an incident on 5 January 00:00–01:30 at 10 % errors, 10 days before "now"), compared with the same
/// projection over the generator's exact hourly counts.
/// </summary>
[Collection(PrometheusCollection.Name)]
public sealed class ReleaseBudgetBackPrometheusTests(PrometheusFixture fixture)
{
    private static readonly SloDefinition Payment = new(
        "payment",
        "availability",
        0.9995,
        TimeSpan.FromDays(30),
        new SliQuery(SliQueryKind.Counter, "sum(http_requests_total{service=\"payment\",code!~\"5..\"})", null, "sum(http_requests_total{service=\"payment\"})"));

    [Fact]
    public async Task Release_FromPrometheusHistory_DatesEqualTheExactProjection_AndNameTheIncident()
    {
        var now = PrometheusFixture.End;
        using var chat = new ChatHarness(fixture.Server.Url, new InMemorySloCatalog([new ServiceDefinition("payment", [Payment])]), now);

        var reply = await chat.AskAsync("/slo release payment v3.0.0 lines=1200 db-migration");

        Assert.Equal(ReleaseExitCodes.Defer, reply.ExitCode);
        var json = ChatHarness.Json(reply);
        Assert.Equal(("defer", "warning", "medium", 4), (json.GetProperty("action").GetString(), json.GetProperty("budgetStatus").GetString(), json.GetProperty("riskLevel").GetString(), json.GetProperty("riskScore").GetInt32()));
        var waits = json.GetProperty("alternatives").EnumerateArray().Where(a => a.GetProperty("kind").GetString() == "wait").ToArray();

        // The truth: hourly buckets from the generator's exact counts, through the same projection.
        var step = TimeSpan.FromHours(1);
        var buckets = Enumerable.Range(1, 720).Select(i => now - Payment.Window + (step * i)).Select(e =>
        {
            var (good, total) = fixture.Traffic.Count("payment", e, step);
            return new EventBucket(e, new EventCounts(good, total));
        }).ToArray();
        var truth = BudgetRecoveryProjection.Project(buckets, step, Payment.Target, Payment.Window, now, BudgetStatus.Warning);
        var review = truth.First(r => DecisionMatrix.Decide(r.Status, RiskLevel.Medium).Action == ReleaseAction.Review);
        var approve = truth.First(r => DecisionMatrix.Decide(r.Status, RiskLevel.Medium).Action == ReleaseAction.Approve);

        Assert.Equal(2, waits.Length);
        Assert.Equal((review.At, "review"), (At(waits[0]), waits[0].GetProperty("action").GetString()));
        Assert.Equal((approve.At, "approve"), (At(waits[1]), waits[1].GetProperty("action").GetString()));
        // Healthy comes back as the 5 January incident leaves the window, thirty days after it.
        var incidentStart = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        Assert.InRange(approve.At, incidentStart + Payment.Window, incidentStart + Payment.Window + TimeSpan.FromHours(2));
        Assert.Contains("when the 5 January incident (00:00–02:00 UTC", waits[1].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    private static DateTimeOffset At(JsonElement alternative) => alternative.GetProperty("at").GetDateTimeOffset();
}
