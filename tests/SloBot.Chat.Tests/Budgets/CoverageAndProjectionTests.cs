using SloBot.Chat.Budgets;
using SloBot.Chat.Tests.Releases;
using Xunit;
using SloBot.Testing;

namespace SloBot.Chat.Tests.Budgets;

/// <summary>Issue 12 items 1 and 4 through the commands: coverage of a partly covered window, projections from the history.</summary>
public sealed class CoverageAndProjectionTests
{
    [Fact]
    public async Task Budget_ThreeDaysOfData_ReportsCoverageInJsonAndSaysSoInChat()
    {
        using var host = new ReleaseTestHost();
        host.Source.Since = ReleaseTestHost.Monday - TimeSpan.FromDays(3);

        var reply = (await host.AskAsync("/slo budget payment"))!;

        var slo = Slos(reply).Single();
        Assert.Equal(0.1, slo.Coverage!.Value, 12);
        Assert.Equal(72_000, slo.TotalEvents);
        Assert.Contains("Data covers 10 % of the 30 days window", reply.PlainText(), StringComparison.Ordinal);

        var status = (await host.AskAsync("/slo status"))!;
        Assert.Contains("Only partly covered by data (share of the window with samples): payment availability 10 %, checkout availability 10 %, checkout latency 10 %", status.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Budget_FullyCovered_CoverageOneAndNoNote()
    {
        using var host = new ReleaseTestHost();

        var reply = (await host.AskAsync("/slo budget payment"))!;

        Assert.Equal(1, Slos(reply).Single().Coverage);
        Assert.DoesNotContain("Data covers", reply.PlainText(), StringComparison.Ordinal);
        Assert.DoesNotContain("partly covered", (await host.AskAsync("/slo status"))!.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Budget_OldErrorsLeavingWhileBurning_ProjectsFromTheHistory_SameHourAMinuteLater()
    {
        using var host = new ReleaseTestHost();
        // 0.5 bad an hour for 30 days (half the budget), then 2 an hour over the last 6 hours: the current burn is 2×.
        host.Traffic.Bad = (_, end) => end > ReleaseTestHost.Monday - TimeSpan.FromHours(6) ? 2 : 0.5;

        var first = Slos((await host.AskAsync("/slo budget payment"))!).Single();
        host.Time.Advance(TimeSpan.FromMinutes(1));
        var second = Slos((await host.AskAsync("/slo budget payment"))!).Single();

        // Every hour 0.5 bad leaves and 2 arrive; the closed form (remaining × window ÷ burn) would say about 6.9 days.
        var closedForm = second.ErrorBudget!.Remaining * TimeSpan.FromDays(30) / 2;
        Assert.NotNull(first.ProjectedExhaustion);
        Assert.True(first.ProjectedExhaustion > ReleaseTestHost.Monday + closedForm + TimeSpan.FromDays(2), $"{first.ProjectedExhaustion} vs closed form {ReleaseTestHost.Monday + closedForm}");
        Assert.Equal(first.ProjectedExhaustion, second.ProjectedExhaustion);
        Assert.Equal(0, first.ProjectedExhaustion!.Value.Minute);
    }

    private static BudgetSloData[] Slos(SloBot.Chat.Replies.Reply reply) =>
        (BudgetSloData[])reply.Data!.GetType().GetProperty("slos")!.GetValue(reply.Data)!;
}
