using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Delivery;
using SloBot.Chat.Alerts;
using SloBot.Chat.Budgets;
using SloBot.Chat.Replies;
using SloBot.Chat.Reviews;
using SloBot.Chat.Schedules;
using SloBot.Chat.Tests.Releases;
using Xunit;
using SloBot.Testing;

namespace SloBot.Chat.Tests.Budgets;

/// <summary>
/// Issue 12 item 7: every command and summary over the same grid of SLO states — budget, status, release, the four
/// summaries, the weekly review's overview and burn analysis, alerts — says the same words and the same share left.
/// The expected words are written here by hand for each state, not taken from the code under test.
/// </summary>
public sealed class VocabularyGridTests
{
    /// <summary>One state of every SLO in the catalog (1,000 events an hour at 99.9 %: 720 bad events of budget over 30 days).</summary>
    public sealed record State(string Name, double BadPerHour, double RecentBadPerHour, bool NoData,
        string Standing, string Status, string Trend, string Left, string Shown, bool Meeting, bool Alert)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<State> Grid() =>
    [
        new("healthy", 0, 0, false, "Healthy", "healthy", "within budget", "100 %", "healthy", true, false),
        new("at risk", 0.7, 0.7, false, "At risk", "attention", "within budget", "30 %", "attention", true, false),
        new("critical", 0.95, 0.95, false, "At risk", "critical", "within budget", "5 %", "critical", true, false),
        new("exhausted exactly", 1, 1, false, "Exhausted", "exhausted", "burning", "0 %", "exhausted, burning", false, false),
        new("no data", 0, 0, true, "No data", "no data", "no data", "no data", "no data", false, false),
        // 40 bad in the last two hours, nothing before: 94.4 % left (a healthy band) but the page rule fires.
        new("burning now", 0, 20, false, "At risk", "healthy", "burning fast", "94.4 %", "healthy, burning fast", true, true),
    ];

    [Theory]
    [MemberData(nameof(Grid))]
    public async Task EveryCommand_SameState_SameWordsAndNumbers(State state)
    {
        var settings = new Dictionary<string, string?> { ["SloBot:Alerts:Channel"] = "slack:C0ALERTS" };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var host = new ReleaseTestHost(s => s.AddChatPlatform("slack", "C0123ABCD", "Slack user U…").AddSloBotSchedules(configuration).AddSloBotAlerts(configuration), settings, conversations: true);
        host.Traffic.Bad = (_, end) => end > ReleaseTestHost.Monday - TimeSpan.FromHours(2) ? state.RecentBadPerHour : state.BadPerHour;
        if (state.NoData)
            host.Source.Since = ReleaseTestHost.Monday;

        // /slo budget: the band in the heading, the trend field, the share left
        var budget = (await host.AskAsync("/slo budget payment"))!;
        Assert.Contains($"over 30 days: {state.Status}", budget.PlainText(), StringComparison.Ordinal);
        var fields = budget.Blocks.OfType<FieldsBlock>().SelectMany(f => f.Fields).ToDictionary(f => f.Label, f => f.Value);
        if (!state.NoData)
        {
            Assert.Equal(state.Trend, fields["Trend"]);
            Assert.StartsWith(state.Left + " (", fields["Budget remaining"], StringComparison.Ordinal);
        }

        // /slo status: the group title above payment's row, its trend and share
        var status = (await host.AskAsync("/slo status"))!;
        var (title, row) = RowOf(status, "payment");
        Assert.StartsWith($"**{state.Standing}** (", title, StringComparison.Ordinal);
        Assert.Equal((state.Left, state.Trend), (row[3], row[5]));

        // /slo release: the band beside the share; an active page-level burn named as a risk
        var release = (await host.AskAsync("/slo release payment v1 lines=80 coverage=95 dry-run"))!;
        var shown = release.Blocks.OfType<FieldsBlock>().SelectMany(f => f.Fields).Single(f => f.Label == "Budget").Value;
        Assert.Contains(state.NoData ? "no data · availability" : $"{state.Left} left ({state.Status}) · availability", shown, StringComparison.Ordinal);
        Assert.Equal(state.Alert, release.PlainText().Contains("page-level burn", StringComparison.Ordinal));

        // /slo summary engineering, review, product, executives
        var engineering = (await host.AskAsync("/slo summary engineering"))!.PlainText();
        Assert.Contains(
            state.Standing == "Healthy" ? "All 2 services healthy."
            : state.NoData ? "• payment availability: no SLI data over its window"
            : $"• payment availability: {state.Left} left ({state.Shown}), burning", engineering, StringComparison.Ordinal);
        var review = (await host.AskAsync("/slo summary review"))!;
        var atRisk = review.Blocks.OfType<FieldsBlock>().SelectMany(f => f.Fields).Single(f => f.Label == "Services at risk").Value;
        Assert.Equal(state.Standing == "Healthy" ? "none" : state.NoData ? "payment (no data)" : $"payment ({state.Left} {state.Shown})", atRisk.Split(", checkout")[0]);
        var product = (await host.AskAsync("/slo summary product"))!;
        var productRow = product.Blocks.OfType<TableBlock>().Single().Rows.Single(r => r[0] == "payment");
        Assert.Equal((state.Left, state.Shown), (productRow[2], productRow[3]));
        var executives = (await host.AskAsync("/slo summary executives"))!.PlainText();
        Assert.Contains($"Services meeting their SLOs  {(state.Meeting ? 2 : 0)} of 2 services", executives, StringComparison.Ordinal);
        Assert.Contains($"• payment availability: {state.Trend}", executives, StringComparison.Ordinal);
        Assert.DoesNotContain("acceptable", executives, StringComparison.Ordinal);

        // the weekly review: the overview's at-risk list and the burn analysis
        var data = host.Get<ReviewData>();
        var (risky, healthy) = await data.OverviewAsync(CancellationToken.None);
        Assert.Equal(state.Standing == "Healthy", healthy.Any(h => h.Service == "payment"));
        Assert.Equal(state.Standing != "Healthy", risky.Any(h => h.Service == "payment"));
        var overview = string.Join("\n", ReviewRender.OverviewBlocks(risky, healthy).OfType<TextBlock>().Select(t => t.Text));
        Assert.Contains(
            state.Standing == "Healthy" ? $"- [x] payment: {state.Left} error budget remaining"
            : state.NoData ? "- [ ] payment: no SLI data over its window"
            : $"- [ ] payment: error budget {state.Left} remaining (availability, {state.Shown})", overview, StringComparison.Ordinal);
        var burn = (await data.BurnRatesAsync(CancellationToken.None)).Single(b => b.Service == "payment");
        Assert.StartsWith(state.Trend, burn.Trend, StringComparison.Ordinal);

        // alerts: a page only for the burning state, saying the same band and trend
        await host.Get<BurnRateAlerter>().CheckAsync(CancellationToken.None);
        var alerts = host.Transport.Posts.Where(p => p.Where.Channel == "C0ALERTS" && p.Reply.Header!.Contains("payment", StringComparison.Ordinal)).ToArray();
        Assert.Equal(state.Alert, alerts.Length == 1);
        if (state.Alert)
            Assert.Contains($"{state.Left} of 30 days ({state.Shown})", alerts[0].Reply.PlainText(), StringComparison.Ordinal);
    }

    private static (string Title, IReadOnlyList<string> Row) RowOf(Reply reply, string service)
    {
        string title = "";
        foreach (var block in reply.Blocks)
        {
            if (block is TextBlock t)
                title = t.Text;
            else if (block is TableBlock table && table.Rows.FirstOrDefault(r => r[1] == service) is { } row)
                return (title, row);
        }

        throw new Xunit.Sdk.XunitException($"No row for {service} in {reply.PlainText()}");
    }
}
