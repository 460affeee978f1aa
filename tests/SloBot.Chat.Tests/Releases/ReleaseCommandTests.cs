using SloBot.Chat.Releases;
using SloBot.Chat.Replies;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using Xunit;
using SloBot.Testing;

namespace SloBot.Chat.Tests.Releases;

public sealed class ReleaseCommandTests
{
    private static readonly DateTimeOffset Nov3Incident = new(2026, 11, 3, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Release_AttentionBudgetMediumRisk_ReviewWithTheProductManagersSentence()
    {
        using var host = new ReleaseTestHost();
        host.Traffic.Bad = (_, end) => end == new DateTimeOffset(2026, 11, 10, 10, 0, 0, TimeSpan.Zero) ? 468 : 0; // 65 % of 720

        var reply = await host.AskAsync("/slo release payment v1.5.0 lines=1200 db-migration");

        Assert.NotNull(reply);
        Assert.Equal(ReleaseExitCodes.Review, reply.ExitCode);
        var data = Assert.IsType<ReleaseDecisionData>(reply.Data);
        Assert.Equal("35 % of the budget left (attention) and a medium-risk release (score 4: 1,200 lines changed, a database migration) → review", data.Rationale);
        Assert.Equal(("review", "medium", 4, "attention"), (data.Action, data.RiskLevel, data.RiskScore, data.BudgetStatus));
        Assert.Equal(0.35, data.BudgetRemaining!.Value, 9);
        Assert.Equal(["canary_deployment", "ready_rollback"], data.Conditions);
        Assert.Equal(["lines_changed", "has_db_migration"], data.RiskFactors.Select(f => f.Factor));
        Assert.Empty(data.Alternatives);
        Assert.Contains("Canary deployment", reply.PlainText(), StringComparison.Ordinal);
        Assert.Equal(["Request review", "Approve", "Show budget"], reply.Buttons.Select(b => b.Label));
        Assert.False(reply.Ephemeral);
        var stored = await host.Log.FindAsync(data.DecisionId, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(ReleaseTestHost.Monday, stored.DecidedAt);
    }

    [Fact]
    public async Task Release_HealthyBudgetSmallChange_ApproveExitZero()
    {
        using var host = new ReleaseTestHost();

        var reply = await host.AskAsync("/slo release payment v1.5.1 lines=80 coverage=95");

        Assert.Equal(ReleaseExitCodes.Approve, reply!.ExitCode);
        var data = Assert.IsType<ReleaseDecisionData>(reply.Data);
        Assert.Equal(("approve", "low", 0, "healthy", 1.0), (data.Action, data.RiskLevel, data.RiskScore, data.BudgetStatus, data.BudgetRemaining));
        Assert.Equal(1, host.Source.SeriesCalls); // its one SLO's hourly history for the projection; no recovery read for an approval
    }

    [Fact]
    public async Task Release_CriticalBudgetHighRisk_BlockWithTheDateTheIncidentLeavesTheWindow()
    {
        using var host = new ReleaseTestHost();
        host.Traffic.Bad = CriticalHistory;

        var reply = await host.AskAsync("/slo release payment v1.5.0 lines=1200 db-migration coverage=72");

        Assert.Equal(ReleaseExitCodes.Block, reply!.ExitCode);
        var data = Assert.IsType<ReleaseDecisionData>(reply.Data);
        Assert.Equal(("block", "high", 6, "critical"), (data.Action, data.RiskLevel, data.RiskScore, data.BudgetStatus));
        var wait = Assert.Single(data.Alternatives, a => a.Kind == "wait");
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 15, 0, 0, TimeSpan.Zero), wait.At);
        Assert.Equal(("attention", "defer"), (wait.Status, wait.Action));
        Assert.Contains("Wait until Thursday 3 December at 15:00 UTC", wait.Text, StringComparison.Ordinal);
        Assert.Contains("back to 'attention' when the 3 November incident (14:00–16:00 UTC, 400 bad events) leaves the 30-day window", wait.Text, StringComparison.Ordinal);
        var reduce = Assert.Single(data.Alternatives, a => a.Kind == "reduce_risk");
        Assert.Contains("ship the database migration on its own first and raise test coverage to 80 % or more → low risk (score 2)", reduce.Text, StringComparison.Ordinal);
        Assert.Equal("defer", reduce.Action);
        Assert.Contains(data.Alternatives, a => a.Kind == "override" && a.Text.Contains("<@U-OWNER>", StringComparison.Ordinal));
        Assert.Equal(["Request review", "Override", "Show budget"], reply.Buttons.Select(b => b.Label));
    }

    [Fact]
    public async Task Release_AtTheProjectedInstant_TheBudgetIsInThePromisedBand()
    {
        using var host = new ReleaseTestHost();
        host.Traffic.Bad = CriticalHistory;
        var first = (ReleaseDecisionData)(await host.AskAsync("/slo release payment v1.5.0 lines=1200 db-migration coverage=72"))!.Data!;
        var promised = first.Alternatives.First(a => a.Kind == "wait");

        host.Time.SetUtcNow(promised.At!.Value - TimeSpan.FromHours(1));
        var before = (ReleaseDecisionData)(await host.AskAsync("/slo release payment v1.5.0 lines=1200 db-migration coverage=72"))!.Data!;
        host.Time.SetUtcNow(promised.At!.Value);
        var then = (ReleaseDecisionData)(await host.AskAsync("/slo release payment v1.5.0 lines=1200 db-migration coverage=72"))!.Data!;

        Assert.Equal(("critical", "block"), (before.BudgetStatus, before.Action));
        Assert.Equal((promised.Status, promised.Action), (then.BudgetStatus, then.Action));
    }

    [Fact]
    public async Task Release_TwoSlos_TheWorstDecidesAndIsNamed()
    {
        using var host = new ReleaseTestHost();
        host.Traffic.Bad = (slo, end) => slo.Slo == "latency" && end == Nov3Incident ? 600 : 0; // latency 16.7 % left

        var reply = await host.AskAsync("/slo release checkout v2 lines=50");

        var data = Assert.IsType<ReleaseDecisionData>(reply!.Data);
        Assert.Equal(("warning", "latency", "review"), (data.BudgetStatus, data.BudgetSlo, data.Action));
        Assert.StartsWith("16.7 % of the budget left on latency, the tightest of 2 SLOs (warning)", data.Rationale, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/slo release payment v1 line=5", "Unknown option `line` — did you mean `lines`?")]
    [InlineData("/slo release payment v1 dbmigration", "did you mean `db-migration`?")]
    [InlineData("/slo release payment v1 colour=red", "Unknown option `colour`. Usage: `/slo release <service> <version> [lines=…] [critical-path] [db-migration] [external-apis] [coverage=…] [dry-run]`")]
    [InlineData("/slo release payment v1 coverage=abc", "`coverage=abc`: expected a number from 0 to 100")]
    [InlineData("/slo release payment v1 coverage=101", "a number from 0 to 100")]
    [InlineData("/slo release payment v1 lines=-5", "`lines=-5`: expected a whole number from 0 to 100,000,000")]
    [InlineData("/slo release payment v1 db-migration=maybe", "expected `db-migration` alone, or `db-migration=true` / `db-migration=false`")]
    [InlineData("/slo release payment lines=5", "Which version of payment do you want to release?")]
    [InlineData("/slo release payment", "Which version of payment do you want to release?")]
    [InlineData("/slo release paymnet v1", "did you mean `payment`?")]
    public async Task Release_BadInput_SaysWhatIsExpectedAndRecordsNothing(string command, string expected)
    {
        using var host = new ReleaseTestHost();

        var reply = await host.AskAsync(command);

        Assert.Equal(ExitCodes.BadCommand, reply!.ExitCode);
        Assert.True(reply.Ephemeral);
        Assert.Contains(expected, reply.PlainText(), StringComparison.Ordinal);
        Assert.Empty(await host.Log.ListAsync(null, null, CancellationToken.None));
    }

    [Fact]
    public async Task Release_SeveralProblems_AllReportedAtOnce()
    {
        using var host = new ReleaseTestHost();

        var reply = await host.AskAsync("/slo release payment v1 lines=many coverage=abc critcal-path");

        var text = reply!.PlainText();
        Assert.Contains("`lines=many`", text, StringComparison.Ordinal);
        Assert.Contains("`coverage=abc`", text, StringComparison.Ordinal);
        Assert.Contains("did you mean `critical-path`?", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("critical-path=false db-migration=true external-apis=no", 2)]
    [InlineData("touches_critical_path has_db_migration=false lines_changed=1,500 test_coverage=79.5%", 6)]
    public async Task Release_FlagsAsNameEqualsBoolAndDocumentKeys_Scored(string flags, int score)
    {
        using var host = new ReleaseTestHost();

        var reply = await host.AskAsync($"/slo release payment v1 {flags}");

        Assert.Equal(score, Assert.IsType<ReleaseDecisionData>(reply!.Data).RiskScore);
    }

    [Fact]
    public async Task Release_SourceFails_ExitOneAndNothingRecorded()
    {
        using var host = new ReleaseTestHost();
        host.Source.Failure = new SliSourceException("Prometheus at http://127.0.0.1:1 refused the connection");

        var reply = await host.AskAsync("/slo release payment v1.5.0");

        Assert.Equal(ExitCodes.SourceFailed, reply!.ExitCode);
        Assert.Empty(await host.Log.ListAsync(null, null, CancellationToken.None));
    }

    [Fact]
    public async Task Releases_History_NewestFirstWithFilter()
    {
        using var host = new ReleaseTestHost();
        await host.AskAsync("/slo release payment v1");
        host.Time.Advance(TimeSpan.FromDays(2));
        await host.AskAsync("/slo release checkout v7");
        host.Time.Advance(TimeSpan.FromHours(1));
        await host.AskAsync("/slo release payment v2 lines=2000");

        var all = await host.AskAsync("/slo releases");
        var payment = await host.AskAsync("/slo releases payment");
        var recent = await host.AskAsync("/slo releases since=1d");

        Assert.Equal(["v2", "v7", "v1"], Versions(all!));
        Assert.Equal(["v2", "v1"], Versions(payment!));
        Assert.Equal(["v2", "v7"], Versions(recent!));
        Assert.Contains("payment v2", payment!.PlainText(), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadCommand, (await host.AskAsync("/slo releases since=yesterday"))!.ExitCode);
    }

    [Fact]
    public void Specs_ReleaseIsNotAlsoASubcommandGroup()
    {
        // Discord cannot have "release" both as a subcommand and as a group ("release x"): the group would win.
        using var host = new ReleaseTestHost();

        var names = host.Get<Chat.Commands.CommandRouter>().Commands.Select(c => c.Name).ToArray();

        Assert.Contains("release", names);
        Assert.Contains("releases", names);
        Assert.Contains("override", names);
        Assert.DoesNotContain(names, n => n.StartsWith("release ", StringComparison.Ordinal));
    }

    private static string[] Versions(Reply reply) =>
        ((IEnumerable<ReleaseHistoryData>)reply.Data!.GetType().GetProperty("decisions")!.GetValue(reply.Data)!).Select(d => d.Version).ToArray();

    /// <summary>400 bad on 3 November 14:00–16:00 and 250 on 20 November: 9.7 % of payment's budget left (critical).</summary>
    internal static double CriticalHistory(SloId slo, DateTimeOffset end) =>
        end == Nov3Incident || end == Nov3Incident.AddHours(1) ? 200
        : end == new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero) ? 250
        : 0;
}
