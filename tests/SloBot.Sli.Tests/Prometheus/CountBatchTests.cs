using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using SloBot.Sli.Prometheus;
using Xunit;

namespace SloBot.Sli.Tests.Prometheus;

public class CountBatchTests
{
    private static readonly TimeSpan[] Windows = [TimeSpan.FromDays(30), TimeSpan.FromHours(1)];

    private static readonly string[] Services = ["a", "b", "c"];

    private static SloDefinition Counter(string service) =>
        new(service, "availability", 0.999, TimeSpan.FromDays(30), new SliQuery(SliQueryKind.Counter, $"sum(ok_total{{service=\"{service}\"}})", null, $"sum(all_total{{service=\"{service}\"}})"));

    private static SloDefinition Sloth(string service) =>
        new(service, "errors", 0.99, TimeSpan.FromDays(30), new SliQuery(SliQueryKind.WindowTemplate, null, $"sum(rate(err_total{{service=\"{service}\"}}[{{{{.window}}}}]))", $"sum(rate(all_total{{service=\"{service}\"}}[{{{{.window}}}}]))"));

    [Fact]
    public void Queries_ManySlosAndWindows_OneQueryWithEveryTermTagged()
    {
        var slos = Enumerable.Range(0, 50).Select(i => i % 2 == 0 ? Counter($"s{i}") : Sloth($"s{i}")).ToArray();

        var batch = new CountBatch(slos, Windows, fold: false);
        var query = Assert.Single(batch.Queries(1_000_000));

        Assert.Equal(50 * 2 * 2, batch.TermCount);
        Assert.Contains("label_replace(label_replace(label_replace(sum(sum(increase(ok_total{service=\"s0\"}[30d])))", query, StringComparison.Ordinal);
        Assert.Contains("\"slobot_slo\", \"s1/errors\", \"\", \"\"), \"slobot_kind\", \"bad\", \"\", \"\"), \"slobot_window\", \"1h\", \"\", \"\")", query, StringComparison.Ordinal);
        Assert.Contains("sum(rate(err_total{service=\"s1\"}[1h]))", query, StringComparison.Ordinal);
        Assert.Equal(batch.TermCount - 1, CountOccurrences(query, " or "));
    }

    [Fact]
    public void Queries_TextLongerThanTheLimit_SplitsIntoChunksThatKeepEveryTerm()
    {
        var slos = Enumerable.Range(0, 40).Select(i => Counter($"s{i}")).ToArray();
        var batch = new CountBatch(slos, Windows, fold: false);

        var queries = batch.Queries(4_000);

        Assert.True(queries.Count > 1);
        Assert.All(queries, q => Assert.True(q.Length <= 4_000, $"{q.Length} characters"));
        Assert.Equal(batch.TermCount, queries.Sum(q => CountOccurrences(q, "label_replace(label_replace(label_replace(")));
    }

    [Fact]
    public void Queries_SharedExpression_IsQueriedOnce()
    {
        var a = Counter("pay");
        var b = a with { Name = "other", Indicator = a.Indicator with { Good = "sum(fast_total)" } };

        var batch = new CountBatch([a, b], Windows);

        Assert.Equal(2 * 3, batch.TermCount); // ok, all, fast per window; "all" is shared
    }

    [Fact]
    public void Apply_Answer_CountsPerSloAndWindowWithRatesScaledToEvents_ImpossibleValuesPassedOn()
    {
        var counter = Counter("pay");
        var sloth = Sloth("cart");
        var batch = new CountBatch([counter, sloth], Windows);
        var counts = new SliCounts();

        batch.Apply(
        [
            Sample("pay/availability", "good", "30d", 990),
            Sample("pay/availability", "total", "30d", 1000),
            Sample("cart/errors", "bad", "1h", 0.5),
            Sample("cart/errors", "total", "1h", 10),
            Sample("cart/errors", "total", "30d", double.NaN),
        ], counts);

        Assert.Equal(new EventCounts(990, 1000), counts.Get(counter.Id, TimeSpan.FromDays(30)));
        Assert.Equal(new EventCounts(0, 0), counts.Get(counter.Id, TimeSpan.FromHours(1)));
        Assert.Equal(new EventCounts(9.5 * 3600, 10 * 3600), counts.Get(sloth.Id, TimeSpan.FromHours(1)));
        // NaN is passed on as answered, for the budget to reject as a source failure (never read as "no events")
        Assert.True(double.IsNaN(counts.Get(sloth.Id, TimeSpan.FromDays(30)).Total));
        Assert.NotNull(SloBot.Core.Budgets.BudgetMath.Impossibility(counts.Get(sloth.Id, TimeSpan.FromDays(30))));
        Assert.Equal(4, counts.Count);
    }

    [Fact]
    public void Queries_SlosDifferingOnlyInOneLabel_FoldIntoOneSumByTermPerExpression()
    {
        var slos = Enumerable.Range(0, 300).Select(i => i % 2 == 0 ? Counter($"s{i}") : Sloth($"s{i}")).ToArray();

        var batch = new CountBatch(slos, Windows);
        var query = Assert.Single(batch.Queries(1_000_000));

        Assert.Equal(2 * 2 * 2, batch.TermCount); // (counter, sloth) × (good|bad, total) × windows
        Assert.Contains("sum by (service) (sum by (service) (increase(ok_total{service=~\"s0|s2|s4|", query, StringComparison.Ordinal);
        Assert.Contains("sum by (service) (sum by (service) (rate(err_total{service=~\"s1|s3|", query, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_FoldedAnswer_EachSeriesGoesToItsSlo()
    {
        var a = Counter("pay");
        var b = Counter("cart");
        var batch = new CountBatch([a, b], [TimeSpan.FromHours(1)]);
        Assert.Equal(2, batch.TermCount);
        var query = batch.Queries(1_000_000)[0];
        var counts = new SliCounts();
        string Group(string metric) => query[(query.IndexOf(metric, StringComparison.Ordinal))..].Split("\"slobot_group\", \"")[1][..1];

        batch.Apply(
        [
            new PromSample(new Dictionary<string, string> { ["service"] = "pay", [CountBatch.GroupLabel] = Group("ok_total") }, 99),
            new PromSample(new Dictionary<string, string> { ["service"] = "pay", [CountBatch.GroupLabel] = Group("all_total") }, 100),
            new PromSample(new Dictionary<string, string> { ["service"] = "cart", [CountBatch.GroupLabel] = Group("all_total") }, 10),
            new PromSample(new Dictionary<string, string> { ["service"] = "other", [CountBatch.GroupLabel] = Group("all_total") }, 1000),
        ], counts);

        Assert.Equal(new EventCounts(99, 100), counts.Get(a.Id, TimeSpan.FromHours(1)));
        Assert.Equal(new EventCounts(0, 10), counts.Get(b.Id, TimeSpan.FromHours(1)));
    }

    [Theory]
    [InlineData("sum by (code) (ok_total{service=\"X\"})")]
    [InlineData("sum(ok_total{service=\"X\"}) / on() sum(all_total)")]
    [InlineData("sum(ok_total{service=\"X\"}) + count(up{service!=\"z\"})")]
    [InlineData("sum(ok_total{service=\"X\", zone=\"X\"})")]
    [InlineData("topk(1, ok_total{service=\"X\"})")]
    public void Queries_ShapesThatCannotFold_StayOneTermPerSlo(string good)
    {
        var slos = Services.Select(s => Counter(s) with { Indicator = new SliQuery(SliQueryKind.Counter, good.Replace("X", s, StringComparison.Ordinal), null, "sum(all_total)") }).ToArray();

        var batch = new CountBatch(slos, [TimeSpan.FromHours(1)]);

        Assert.Equal(3 + 1, batch.TermCount);
    }

    private static PromSample Sample(string slo, string kind, string window, double value) => new(
        new Dictionary<string, string> { [CountBatch.SloLabel] = slo, [CountBatch.KindLabel] = kind, [CountBatch.WindowLabel] = window }, value);

    private static int CountOccurrences(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
            n++;
        return n;
    }
}
