using SloBot.Chat.Events;
using SloBot.Chat.Tests.Conversations;
using SloBot.Chat.Tiers;
using SloBot.Core.Tiers;
using Xunit;

namespace SloBot.Chat.Tests.Tiers;

public sealed class TierQuestionnaireTests
{
    private static readonly ConversationKey Console = new("console", "terminal", "session");

    [Fact]
    public async Task TierWithSomeAnswers_AsksOnlyTheMissingOnes_ThenRecommends()
    {
        using var host = new ConversationHost();

        var first = await host.CommandAsync(Console, "/slo tier payment revenue=direct visibility=constant severity=severe data=high");
        Assert.Contains("Is it subject to regulation", first!.PlainText(), StringComparison.Ordinal);
        Assert.Equal(["yes", "partial", "no"], first.Buttons.Select(b => b.Label).Where(TierMatrix.RegulatoryRequirements.ValueNames.Contains));
        var second = await host.ClickAsync(Console, first.Buttons.Single(b => b.Label == "yes"));
        Assert.Contains("How many people use it?", second!.PlainText(), StringComparison.Ordinal);
        var refused = await host.SayAsync(Console, "huge");
        Assert.Contains("`huge` is not one of", refused!.PlainText(), StringComparison.Ordinal);
        var done = await host.SayAsync(Console, "Large");

        Assert.Contains("Tier recommendation · payment", done!.PlainText(), StringComparison.Ordinal);
        Assert.Contains(done.Buttons, b => b.Label == "Adopt critical tier" && b.Value == "payment|critical");
    }

    [Fact]
    public async Task TierAlone_AsksForTheServiceFirst()
    {
        using var host = new ConversationHost();

        var first = await host.CommandAsync(Console, "/slo tier");

        Assert.Contains("Which service?", first!.PlainText(), StringComparison.Ordinal);
        var next = await host.SayAsync(Console, "brand-new-svc");
        Assert.Contains("How does an outage of this service affect revenue?", next!.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public void BuildCommand_AllAnswers_IsTheFullCommand()
    {
        var answers = TierMatrix.Criteria.ToDictionary(c => c.ShortName, c => c.Values[^1].Name);
        answers["service"] = "reporting";

        Assert.Equal("tier reporting revenue=none visibility=rare severity=negligible data=none regulatory=no users=internal", TierQuestionnaire.BuildCommand(answers));
    }

    [Fact]
    public async Task AdoptButton_ConfiguredSloOwner_MayAdoptAnyService()
    {
        var adoptions = new InMemoryTierAdoptions();
        var button = new TierAdoptButton(ChatTestKit.Catalog(), adoptions, ChatTestKit.Roles("U-boss"), TimeProvider.System);

        var reply = await button.HandleAsync(ChatTestKit.Click("tier.adopt", "search|standard", "U-boss"), CancellationToken.None);

        Assert.Contains("adopted the", reply!.PlainText(), StringComparison.Ordinal);
        Assert.Equal(ServiceTier.Standard, (await adoptions.FindAsync("search", CancellationToken.None))!.Tier);
    }
}
