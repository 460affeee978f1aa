using SloBot.Chat.Events;
using SloBot.Chat.Releases;
using SloBot.Chat.Replies;
using SloBot.Core.Budgets;
using SloBot.Core.Releases;
using Xunit;
using SloBot.Testing;

namespace SloBot.Chat.Tests.Releases;

/// <summary>Who may override, what a denied user sees, and that the audit record is complete.</summary>
public sealed class ReleaseOverrideTests
{
    private const string Block = "/slo release payment v1.5.0 lines=1200 db-migration coverage=72";
    private const string Reason = "hotfix for INC-2041, canary at 5 %";

    [Fact]
    public async Task Override_ByCatalogOwner_StoredAnnouncedAndAuditComplete()
    {
        using var host = Critical();
        var decision = await DecideAsync(host, Block, user: "U-DEV");
        host.Time.Advance(TimeSpan.FromMinutes(7));
        var ownerChannel = new ConversationKey("slack", "C-OWNERS");

        var reply = await host.AskAsync($"/slo override {decision.DecisionId.ToLowerInvariant()} {Reason}", user: "U-OWNER", where: ownerChannel);

        Assert.Equal(ExitCodes.Answered, reply!.ExitCode);
        Assert.True(reply.Ephemeral); // the announcement went to the decision's channel, the owner gets a confirmation
        var (where, announcement) = Assert.Single(host.Transport.Posts);
        Assert.Equal(ReleaseTestHost.Channel, where);
        Assert.Contains($"<@U-OWNER> overrode the block of payment v1.5.0 ({decision.DecisionId})", announcement.PlainText(), StringComparison.Ordinal);
        Assert.Contains(Reason, announcement.PlainText(), StringComparison.Ordinal);

        var record = (await host.Log.FindAsync(decision.DecisionId, CancellationToken.None))!;
        Assert.Equal(("payment", "v1.5.0"), (record.Service, record.Version));
        Assert.Equal(ReleaseTestHost.Monday, record.DecidedAt);
        Assert.Equal("U-DEV", record.RequestedBy.Id);
        Assert.Equal(ReleaseTestHost.Channel, record.Where);
        Assert.Equal(new ReleaseInfo(1200, false, true, false, 72), record.Inputs);
        Assert.Equal((6, RiskLevel.High, ReleaseAction.Block), (record.RiskScore, record.RiskLevel, record.Action));
        Assert.Equal((BudgetStatus.Critical, "availability"), (record.Budget.Status, record.Budget.Slo));
        var slo = Assert.Single(record.Budget.Slos);
        Assert.Equal((0.999, "30d", 720_000.0, 720_000.0 - 650), (slo.Target, slo.Window, slo.TotalEvents, slo.GoodEvents));
        Assert.Equal(decision.Rationale, record.Rationale);
        Assert.NotNull(record.Override);
        Assert.Equal(("U-OWNER", Reason, ReleaseTestHost.Monday.AddMinutes(7), ownerChannel), (record.Override.By.Id, record.Override.Reason, record.Override.At, record.Override.Where));
        Assert.Equal(ReleaseAction.Approve, record.EffectiveAction);
        Assert.False(record.IsPending);
    }

    [Fact]
    public async Task Override_ByAnotherEngineer_DeniedEphemerallyNamingTheOwners()
    {
        using var host = Critical();
        var decision = await DecideAsync(host, Block);

        var reply = await host.AskAsync($"/slo override {decision.DecisionId} {Reason}", user: "U-DEV");

        Assert.True(reply!.Ephemeral);
        Assert.Equal(ExitCodes.BadCommand, reply.ExitCode);
        Assert.Contains("Only an SLO owner of payment can override", reply.PlainText(), StringComparison.Ordinal);
        Assert.Contains("<@U-OWNER>", reply.PlainText(), StringComparison.Ordinal);
        Assert.Null((await host.Log.FindAsync(decision.DecisionId, CancellationToken.None))!.Override);
        Assert.Empty(host.Transport.Posts);
    }

    [Fact]
    public async Task OverrideButton_DeniedUser_SeesWhoMay_OwnerIsAskedForTheReason()
    {
        using var host = Critical();
        var decision = await DecideAsync(host, Block);

        var denied = await host.ClickAsync(ReleaseReply.OverrideAction, decision.DecisionId, new ChatUser("U-PM"));
        var owner = await host.ClickAsync(ReleaseReply.OverrideAction, decision.DecisionId, new ChatUser("U-OWNER"));

        Assert.True(denied!.Ephemeral);
        Assert.Contains("Only an SLO owner of payment", denied.PlainText(), StringComparison.Ordinal);
        Assert.True(owner!.Ephemeral);
        Assert.Contains($"/slo override {decision.DecisionId} <reason>", owner.PlainText(), StringComparison.Ordinal);
        Assert.Null((await host.Log.FindAsync(decision.DecisionId, CancellationToken.None))!.Override);
    }

    [Fact]
    public async Task Override_ConfiguredSloOwnerRoleAndGroupMembership_Allowed()
    {
        using var host = Critical(new() { ["SloBot:Roles:SloOwner:0"] = "U-SRE", ["SloBot:Roles:SloOwner:1"] = "S-SRE-TEAM" });
        var first = await DecideAsync(host, Block);
        var second = await DecideAsync(host, Block);

        var byId = await host.AskAsync($"/slo override {first.DecisionId} {Reason}", user: "U-SRE");
        var byGroup = await host.Get<ChatDispatcher>().ReplyToAsync(
            new CommandEvent("g1", ReleaseTestHost.Channel, new ChatUser("U-ANY", null, ["S-SRE-TEAM"]), host.Time.GetUtcNow(), $"override {second.DecisionId} {Reason}"),
            CancellationToken.None);

        Assert.Equal(ExitCodes.Answered, byId!.ExitCode);
        Assert.Equal(ExitCodes.Answered, byGroup!.ExitCode);
        Assert.Equal(2, host.Transport.Posts.Count);
    }

    [Theory]
    [InlineData("", "needs a reason of at least 10 characters")]
    [InlineData("because", "needs a reason of at least 10 characters")]
    public async Task Override_WithoutAReason_Refused(string reason, string expected)
    {
        using var host = Critical();
        var decision = await DecideAsync(host, Block);

        var reply = await host.AskAsync($"/slo override {decision.DecisionId} {reason}", user: "U-OWNER");

        Assert.Contains(expected, reply!.PlainText(), StringComparison.Ordinal);
        Assert.Null((await host.Log.FindAsync(decision.DecisionId, CancellationToken.None))!.Override);
    }

    [Fact]
    public async Task Override_TwiceOrOfAnApproval_Refused()
    {
        using var host = Critical();
        var blocked = await DecideAsync(host, Block);
        await host.AskAsync($"/slo override {blocked.DecisionId} {Reason}", user: "U-OWNER");
        host.Traffic.Bad = (_, _) => 0;
        var approved = await DecideAsync(host, "/slo release payment v1.5.2 lines=10");

        var again = await host.AskAsync($"/slo override {blocked.DecisionId} another good reason", user: "U-OWNER");
        var ofApproval = await host.AskAsync($"/slo override {approved.DecisionId} {Reason}", user: "U-OWNER");
        var unknown = await host.AskAsync($"/slo override R-00000000 {Reason}", user: "U-OWNER");

        Assert.Contains("already overridden by <@U-OWNER>", again!.PlainText(), StringComparison.Ordinal);
        Assert.Contains("is approve, not defer or block", ofApproval!.PlainText(), StringComparison.Ordinal);
        Assert.Contains("There is no release decision `R-00000000`", unknown!.PlainText(), StringComparison.Ordinal);
        Assert.Equal(Reason, (await host.Log.FindAsync(blocked.DecisionId, CancellationToken.None))!.Override!.Reason);
    }

    [Fact]
    public async Task RequestReview_MentionsOwnersAndProductManagers_RecordedOnce()
    {
        using var host = Critical(new() { ["SloBot:Roles:ProductManager:0"] = "U-PM" });
        var decision = await DecideAsync(host, Block);

        var reply = await host.ClickAsync(ReleaseReply.ReviewAction, decision.DecisionId, new ChatUser("U-DEV"));
        var again = await host.ClickAsync(ReleaseReply.ReviewAction, decision.DecisionId, new ChatUser("U-DEV2"));

        Assert.False(reply!.Ephemeral);
        Assert.Contains("SLO owners <@U-OWNER>, please review; product managers <@U-PM>", reply.PlainText(), StringComparison.Ordinal);
        Assert.Contains("already asked for a review", again!.PlainText(), StringComparison.Ordinal);
        var record = (await host.Log.FindAsync(decision.DecisionId, CancellationToken.None))!;
        Assert.Equal("U-DEV", record.ReviewRequest!.By.Id);
        Assert.True(record.IsPending);
    }

    [Fact]
    public async Task ShowBudgetButton_RepliesWithTheBudgetEphemerally()
    {
        using var host = Critical();

        var reply = await host.ClickAsync(ReleaseReply.BudgetAction, "payment", new ChatUser("U-PM"));

        Assert.True(reply!.Ephemeral);
        Assert.Equal("Error budget · payment", reply.Header);
    }

    [Fact]
    public void Roles_IdWithSpaces_FailsAtStartNamingTheKey()
    {
        using var host = new ReleaseTestHost(settings: new() { ["SloBot:Roles:ProductManager:0"] = "Jane Doe" });

        var ex = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => host.Get<Microsoft.Extensions.Options.IOptions<global::SloBot.Chat.Roles.RoleOptions>>().Value);

        Assert.Contains("SloBot:Roles:ProductManager", ex.Message, StringComparison.Ordinal);
    }

    private static ReleaseTestHost Critical(Dictionary<string, string?>? settings = null)
    {
        var host = new ReleaseTestHost(settings: settings);
        host.Traffic.Bad = ReleaseCommandTests.CriticalHistory;
        return host;
    }

    private static async Task<ReleaseDecisionData> DecideAsync(ReleaseTestHost host, string command, string user = "U-DEV") =>
        Assert.IsType<ReleaseDecisionData>((await host.AskAsync(command, user))!.Data);
}
