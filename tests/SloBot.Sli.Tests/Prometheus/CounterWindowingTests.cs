using SloBot.Core.Catalog;
using SloBot.Sli.Prometheus.PromQl;
using Xunit;

namespace SloBot.Sli.Tests.Prometheus;

public class CounterWindowingTests
{
    [Theory]
    [InlineData("http_requests_total", "increase(http_requests_total[30d])")]
    [InlineData("sum(http_requests_total{code!~\"5..\"})", "sum(increase(http_requests_total{code!~\"5..\"}[30d]))")]
    [InlineData("{__name__=\"x\", job=\"a}b\"}", "increase({__name__=\"x\", job=\"a}b\"}[30d])")]
    [InlineData("sum by (service, code) (http_requests_total{service=~\"pay.*\"})", "sum by (service, code) (increase(http_requests_total{service=~\"pay.*\"}[30d]))")]
    [InlineData("sum(a_total) by (job) / on(job) group_left(team) sum(b_total)", "sum(increase(a_total[30d])) by (job) / on(job) group_left(team) sum(increase(b_total[30d]))")]
    [InlineData("sum without(le) (x_bucket{le=\"0.3\"}) or vector(0)", "sum without(le) (increase(x_bucket{le=\"0.3\"}[30d])) or vector(0)")]
    [InlineData("a_total offset 5m + b_total @ 1700000000", "increase(a_total[30d] offset 5m) + increase(b_total[30d] @ 1700000000)")]
    [InlineData("a_total offset -1h @ end()", "increase(a_total[30d] offset -1h @ end())")]
    [InlineData("label_replace(job:requests:total, \"dst\", \"$1\", \"src\", \"(.*)\")", "label_replace(increase(job:requests:total[30d]), \"dst\", \"$1\", \"src\", \"(.*)\")")]
    [InlineData("sum(rate(a_total[5m]))", "sum(rate(a_total[5m]))")]
    [InlineData("a_total > bool 1e-3 and b_total", "increase(a_total[30d]) > bool 1e-3 and increase(b_total[30d])")]
    [InlineData("topk(5, a_total) # comment with b_total", "topk(5, increase(a_total[30d])) # comment with b_total")]
    public void WrapSelectors_CounterExpression_WrapsEveryVectorSelector(string query, string expected)
    {
        Assert.Equal(expected, CounterWindowing.WrapSelectors(query, "30d"));
    }

    [Fact]
    public void ForWindow_Template_SubstitutesEveryPlaceholder()
    {
        var q = "sum(rate(x{a=\"1\"}[{{.window}}])) / sum(rate(y[{{ .window }}]))";

        Assert.Equal("sum(rate(x{a=\"1\"}[1h30m])) / sum(rate(y[1h30m]))", CounterWindowing.ForWindow(q, SliQueryKind.WindowTemplate, TimeSpan.FromMinutes(90)));
    }

    [Theory]
    [InlineData("sum(rate(x[{{.window}}]))", true)]
    [InlineData("sum(irate(x[{{.window}}]))", true)]
    [InlineData("sum(increase(x[{{.window}}]))", false)]
    [InlineData("sum(sum_over_time(x:rate5m[{{.window}}]))", false)]
    public void IsPerSecond_Template_DependsOnTheFunctions(string total, bool expected)
    {
        Assert.Equal(expected, CounterWindowing.IsPerSecond(new SliQuery(SliQueryKind.WindowTemplate, null, "(" + total + ")", total)));
    }

    [Fact]
    public void IsPerSecond_Counter_IsFalse()
    {
        Assert.False(CounterWindowing.IsPerSecond(new SliQuery(SliQueryKind.Counter, "rate(a[5m])", null, "rate(b[5m])")));
    }

    [Fact]
    public void Tokenize_AnyText_JoinsBackToTheInput()
    {
        const string q = "sum by(a) (rate(x{b=~\"c\\\"}\"}[5m] offset 1h)) / 1.5e+3 # done\n or `raw`";

        Assert.Equal(q, string.Concat(PromQlLexer.Tokenize(q).Select(t => t.Text)));
    }
}
