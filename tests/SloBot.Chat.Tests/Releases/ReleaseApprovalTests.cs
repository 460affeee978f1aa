using SloBot.Chat.Events;
using SloBot.Chat.Releases;
using SloBot.Chat.Replies;
using SloBot.Core.Releases;
using Xunit;
using SloBot.Testing;

namespace SloBot.Chat.Tests.Releases;

/// <summary>A release under review approved by the service's product manager or an SLO owner, recorded like an override.</summary>
public sealed class ReleaseApprovalTests
{
    private const string HighRisk = "/slo release payment v2.0.0 lines=1200 db-migration coverage=72"; // healthy budget × high risk → review
    private const string Reason = "the launch is worth 5 % of the budget";

    private static readonly Dictionary<string, string?> PaymentPm = new()
    {
        ["SloBot:Roles:Services:payment:ProductManager:0"] = "U-PM",
        ["SloBot:Roles:Services:checkout:ProductManager:0"] = "U-CHECKOUT-PM",
    };

    [Fact]
    public async Task Approve_ByTheServicesProductManager_RecordedAsApprovalWithRoleAndAnnounced()
    {
        using var host = new ReleaseTestHost(settings: PaymentPm);
        var decision = await DecideAsync(host, HighRisk);
        Assert.Equal("review", decision.Action);
        host.Time.Advance(TimeSpan.FromMinutes(3));

        var reply = await host.AskAsync($"/slo approve {decision.DecisionId} {Reason}", user: "U-PM", where: new ConversationKey("slack", "C-PM"));

        Assert.Equal(ExitCodes.Answered, reply!.ExitCode);
        Assert.True(reply.Ephemeral);
        var (where, announcement) = Assert.Single(host.Transport.Posts);
        Assert.Equal(ReleaseTestHost.Channel, where);
        Assert.Contains($"<@U-PM> (product manager) approved the error budget use of payment v2.0.0 ({decision.DecisionId}", announcement.PlainText(), StringComparison.Ordinal);
        var record = (await host.Log.FindAsync(decision.DecisionId, CancellationToken.None))!;
        Assert.Equal(("U-PM", Reason, "productManager", ReleaseTestHost.Monday.AddMinutes(3)), (record.Override!.By.Id, record.Override.Reason, record.Override.Role, record.Override.At));
        Assert.Equal(ReleaseAction.Review, record.Action);
        Assert.Equal(ReleaseAction.Approve, record.EffectiveAction);
        Assert.False(record.IsPending);

        var history = await host.AskAsync("/slo releases payment");
        var row = Assert.Single(Assert.IsType<ReleaseHistoryData[]>(history!.Data!.GetType().GetProperty("decisions")!.GetValue(history.Data)!));
        Assert.Equal(("approve", "productManager"), (row.EffectiveAction, row.Override!.Role));
        Assert.Contains("approved by <@U-PM> (product manager)", history.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_BySloOwner_Allowed_ByAnotherServicesPmOrEngineer_Denied()
    {
        using var host = new ReleaseTestHost(settings: PaymentPm);
        var first = await DecideAsync(host, HighRisk);
        var second = await DecideAsync(host, HighRisk);

        var otherPm = await host.AskAsync($"/slo approve {first.DecisionId} {Reason}", user: "U-CHECKOUT-PM");
        var engineer = await host.AskAsync($"/slo approve {first.DecisionId} {Reason}", user: "U-DEV");
        var owner = await host.AskAsync($"/slo approve {second.DecisionId} {Reason}", user: "U-OWNER");

        Assert.Equal(ExitCodes.BadCommand, otherPm!.ExitCode);
        Assert.Contains("Only a product manager or SLO owner of payment can approve", otherPm.PlainText(), StringComparison.Ordinal);
        Assert.Contains("product managers <@U-PM>; SLO owners <@U-OWNER>", engineer!.PlainText(), StringComparison.Ordinal);
        Assert.Null((await host.Log.FindAsync(first.DecisionId, CancellationToken.None))!.Override);
        Assert.Equal(ExitCodes.Answered, owner!.ExitCode);
        Assert.Equal("sloOwner", (await host.Log.FindAsync(second.DecisionId, CancellationToken.None))!.Override!.Role);
    }

    [Fact]
    public async Task Approve_TopLevelProductManager_ApprovesAnyService()
    {
        using var host = new ReleaseTestHost(settings: new() { ["SloBot:Roles:ProductManager:0"] = "U-HEAD-PM" });
        var decision = await DecideAsync(host, HighRisk);

        var reply = await host.AskAsync($"/slo approve {decision.DecisionId} {Reason}", user: "U-HEAD-PM");

        Assert.Equal(ExitCodes.Answered, reply!.ExitCode);
        Assert.Equal("productManager", (await host.Log.FindAsync(decision.DecisionId, CancellationToken.None))!.Override!.Role);
    }

    [Fact]
    public async Task Approve_ABlockTwiceOrWithoutReason_RefusedWithExit2()
    {
        using var host = new ReleaseTestHost(settings: PaymentPm);
        var review = await DecideAsync(host, HighRisk);
        host.Traffic.Bad = ReleaseCommandTests.CriticalHistory;
        var block = await DecideAsync(host, HighRisk);

        var ofBlock = await host.AskAsync($"/slo approve {block.DecisionId} {Reason}", user: "U-PM");
        var noReason = await host.AskAsync($"/slo approve {review.DecisionId} ok", user: "U-PM");
        var first = await host.AskAsync($"/slo approve {review.DecisionId} {Reason}", user: "U-PM");
        var twice = await host.AskAsync($"/slo approve {review.DecisionId} {Reason}", user: "U-OWNER");
        var unknown = await host.AskAsync($"/slo approve R-00000000 {Reason}", user: "U-PM");
        var overrideOfReview = await host.AskAsync($"/slo override {review.DecisionId} {Reason}", user: "U-OWNER");

        Assert.Contains("is **block**, not review: only an SLO owner can let it ship", ofBlock!.Blocks.OfType<TextBlock>().Single().Text, StringComparison.Ordinal);
        Assert.Contains("needs a reason of at least 10 characters", noReason!.PlainText(), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Answered, first!.ExitCode);
        Assert.Contains("already approved by <@U-PM>", twice!.PlainText(), StringComparison.Ordinal);
        Assert.Contains("There is no release decision `R-00000000`", unknown!.PlainText(), StringComparison.Ordinal);
        Assert.All(new[] { ofBlock, noReason, twice, unknown, overrideOfReview }, r => Assert.Equal(ExitCodes.BadCommand, r!.ExitCode));
        Assert.Null((await host.Log.FindAsync(block.DecisionId, CancellationToken.None))!.Override);
    }

    [Fact]
    public async Task ApproveButton_OnReviewDecision_AsksPmForReason_DeniesEngineer()
    {
        using var host = new ReleaseTestHost(settings: PaymentPm);
        var reply = await host.AskAsync(HighRisk);
        var decision = Assert.IsType<ReleaseDecisionData>(reply!.Data);
        Assert.Contains(reply.Buttons, b => b.ActionId == ReleaseReply.ApproveAction && b.Value == decision.DecisionId);
        Assert.DoesNotContain(reply.Buttons, b => b.ActionId == ReleaseReply.OverrideAction);

        var pm = await host.ClickAsync(ReleaseReply.ApproveAction, decision.DecisionId, new ChatUser("U-PM"));
        var dev = await host.ClickAsync(ReleaseReply.ApproveAction, decision.DecisionId, new ChatUser("U-DEV"));
        var review = await host.ClickAsync(ReleaseReply.ReviewAction, decision.DecisionId, new ChatUser("U-DEV"));

        Assert.Contains($"/slo approve {decision.DecisionId} <reason>", pm!.PlainText(), StringComparison.Ordinal);
        Assert.Contains("Only a product manager or SLO owner of payment", dev!.PlainText(), StringComparison.Ordinal);
        Assert.Contains("product managers <@U-PM>, this spends error budget", review!.PlainText(), StringComparison.Ordinal);
        Assert.Contains(review.Buttons, b => b.ActionId == ReleaseReply.ApproveAction);
        Assert.Null((await host.Log.FindAsync(decision.DecisionId, CancellationToken.None))!.Override);
    }

    private static async Task<ReleaseDecisionData> DecideAsync(ReleaseTestHost host, string command) =>
        Assert.IsType<ReleaseDecisionData>((await host.AskAsync(command))!.Data);
}
