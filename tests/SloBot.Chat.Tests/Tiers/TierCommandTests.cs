using System.Text.Json;
using SloBot.Chat.Replies;
using SloBot.Chat.Tiers;
using SloBot.Core.Tiers;
using Xunit;

namespace SloBot.Chat.Tests.Tiers;

public sealed class TierCommandTests
{
    private const string AllAnswers = "revenue=direct visibility=constant severity=severe data=high regulatory=yes users=large";
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly InMemoryTierAdoptions _adoptions = new();

    private Task<Reply> Run(string text) =>
        ChatTestKit.RouteAsync(new TierCommand(ChatTestKit.Catalog(), _adoptions), text);

    [Fact]
    public async Task Handle_AllSixAnswers_FollowsTheJsonContract()
    {
        var reply = await Run("payment " + AllAnswers);

        Assert.Equal(ExitCodes.Answered, reply.ExitCode);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(reply.Data, Web));
        var root = json.RootElement;
        Assert.Equal(
            ["service", "recommendedTier", "scores", "confidence", "keyFactors", "targets", "investmentRequirements", "nextSteps"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("payment", root.GetProperty("service").GetString());
        Assert.Equal("critical", root.GetProperty("recommendedTier").GetString());
        Assert.Equal(["critical", "essential", "standard", "best_effort"], root.GetProperty("scores").EnumerateObject().Select(p => p.Name));
        Assert.Equal(100, root.GetProperty("scores").GetProperty("critical").GetDouble());
        Assert.InRange(root.GetProperty("confidence").GetDouble(), 0, 100);
        var targets = root.GetProperty("targets");
        Assert.Equal(["availability", "latencyP99Ms", "errorRateMax", "downtimePerMonthSeconds"], targets.EnumerateObject().Select(p => p.Name));
        Assert.Equal(99.95, targets.GetProperty("availability").GetDouble());
        Assert.Equal(1296, targets.GetProperty("downtimePerMonthSeconds").GetDouble());
        Assert.Equal("3-4x baseline", root.GetProperty("investmentRequirements").GetProperty("costMultiplier").GetString());
        Assert.Equal(8, root.GetProperty("nextSteps").GetArrayLength());
    }

    [Fact]
    public async Task Handle_AllSixAnswers_ShowsHumanizedDowntimeAndAnAdoptButton()
    {
        var reply = await Run("payment " + AllAnswers);

        var text = reply.PlainText();
        Assert.Contains("21 minutes 36 seconds", text, StringComparison.Ordinal);
        Assert.Contains("Its tier now (catalog): Essential", text, StringComparison.Ordinal);
        var button = Assert.Single(reply.Buttons);
        Assert.Equal(("tier.adopt", "payment|critical"), (button.ActionId, button.Value));
    }

    [Fact]
    public async Task Handle_MissingAnswers_GivesTheCommandToTypeWithTheChoices()
    {
        var reply = await Run("payment revenue=direct severity=minor");

        Assert.Equal(ExitCodes.BadCommand, reply.ExitCode);
        var text = reply.PlainText();
        Assert.Contains("4 answers", text, StringComparison.Ordinal);
        Assert.Contains("`/slo tier payment revenue=direct visibility=constant|frequent|occasional|rare severity=minor data=high|medium|low|none regulatory=yes|partial|no users=large|medium|small|internal`", text, StringComparison.Ordinal);
        Assert.DoesNotContain("how does an outage", text, StringComparison.OrdinalIgnoreCase); // answered questions are not asked again
    }

    [Fact]
    public async Task Handle_UnknownValue_ListsTheChoicesWithDidYouMean()
    {
        var reply = await Run("payment " + AllAnswers.Replace("severity=severe", "severity=sever", StringComparison.Ordinal));

        Assert.Equal(ExitCodes.BadCommand, reply.ExitCode);
        Assert.Contains("did you mean `severity=severe`", reply.PlainText(), StringComparison.Ordinal);
        Assert.Contains("`negligible`", reply.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_ServiceNotInCatalog_IsAnalysedAsNewWithoutAdoptButton()
    {
        var reply = await Run("paymnet " + AllAnswers);

        Assert.Equal(ExitCodes.Answered, reply.ExitCode);
        Assert.Contains("not in the SLO catalog — did you mean `payment`?", reply.PlainText(), StringComparison.Ordinal);
        Assert.Empty(reply.Buttons);
        Assert.Equal("paymnet", ((TierData)reply.Data!).Service);
    }

    [Fact]
    public async Task AdoptButton_Owner_AdoptsAndNonOwnerIsRefused()
    {
        var button = new TierAdoptButton(ChatTestKit.Catalog(), _adoptions, ChatTestKit.Roles(), TimeProvider.System);

        var refused = await button.HandleAsync(ChatTestKit.Click("tier.adopt", "payment|critical", "U-stranger"), CancellationToken.None);
        Assert.Equal(ExitCodes.BadCommand, refused!.ExitCode);
        Assert.Contains("<@U-owner>", refused.PlainText(), StringComparison.Ordinal);
        Assert.Null(await _adoptions.FindAsync("payment", CancellationToken.None));

        var adopted = await button.HandleAsync(ChatTestKit.Click("tier.adopt", "payment|critical", "U-owner"), CancellationToken.None);
        Assert.Equal(ExitCodes.Answered, adopted!.ExitCode);
        Assert.Contains("(was essential)", adopted.PlainText(), StringComparison.Ordinal);
        Assert.Equal(ServiceTier.Critical, (await _adoptions.FindAsync("payment", CancellationToken.None))!.Tier);

        var after = await Run("payment " + AllAnswers);
        Assert.Contains("Its tier now (adopted): Critical", after.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdoptButton_ServiceWithoutOwners_ExplainsHowToAddThem()
    {
        var button = new TierAdoptButton(ChatTestKit.Catalog(), _adoptions, ChatTestKit.Roles(), TimeProvider.System);

        var reply = await button.HandleAsync(ChatTestKit.Click("tier.adopt", "search|standard", "U1"), CancellationToken.None);

        Assert.Contains("names no owners", reply!.PlainText(), StringComparison.Ordinal);
        Assert.Null(await _adoptions.FindAsync("search", CancellationToken.None));
    }
}
