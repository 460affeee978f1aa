using System.Text.Json.Nodes;
using SloBot.Chat.Replies;
using SloBot.Slack.Rendering;

namespace SloBot.Slack.Tests.Rendering;

public sealed class BlockKitRendererTests
{
    private static JsonArray Payloads(IReadOnlyList<SlackMessage> messages) => new(messages.Select(m => (JsonNode)m.ToPayload()).ToArray());

    [Fact]
    public void Render_BudgetReply_MatchesGolden()
    {
        var reply = new Reply
        {
            Header = "Error budget · payment",
            Blocks =
            [
                new TextBlock("🟡 **availability** — 99.9 % over 30 days: **attention**"),
                new FieldsBlock(
                [
                    new ReplyField("SLI", "99.912 %"),
                    new ReplyField("Budget remaining", "12.4 % (5 minutes of 43 minutes left)"),
                    new ReplyField("Budget consumed", "87.6 %"),
                    new ReplyField("Events", "1,204 bad of 1,368,000"),
                    new ReplyField("Burn rate", "1h 2.5× · 6h 1.8× · 3d 0.9×"),
                    new ReplyField("Exhaustion", "in 2 hours (Mon 23 Nov 15:00 UTC)"),
                ]),
                new DividerBlock(),
                new TextBlock("🟢 **latency** — 99 % over 30 days: **healthy**"),
            ],
            Buttons = [new ReplyButton("budget.refresh", "Refresh", "payment")],
            Context = "Rolling windows ending 2026-11-23 13:00 UTC · burn rate 1× spends the budget exactly over the window",
            Summary = "payment: 12.4 % of the availability budget left (attention)",
        };
        Golden.Verify("budget", Payloads(BlockKitRenderer.Render(reply)));
    }

    [Fact]
    public void Render_TableAsCodeBlock_MatchesGolden()
    {
        var reply = new Reply
        {
            Header = "SLO status",
            Blocks =
            [
                new TextBlock("**2** of 3 services need attention."),
                new TableBlock(["", "service", "remaining"], [["🔴", "payment", "-3.1 %"], ["🟡", "search<v2>", "20 %"], ["🟢", "login & auth", "96 %"]]),
            ],
            Summary = "2 of 3 services need attention",
        };
        Golden.Verify("status-table", Payloads(BlockKitRenderer.Render(reply)));
    }

    [Fact]
    public void Render_ImageWithUploadedFileAndButtons_MatchesGolden()
    {
        var reply = new Reply
        {
            Header = "Burn-down · payment",
            Blocks = [new ImageBlock("burn.png", "Budget burn-down over 30 days"), new ImageBlock("missing.png", "Not uploaded")],
            Buttons =
            [
                new ReplyButton("release.approve:42", "**Approve**", "42", ButtonStyle.Primary),
                new ReplyButton("release.block:42", "Block", "42", ButtonStyle.Danger),
                new ReplyButton("release.approve:42", "Approve again", "43"),
            ],
            Attachments = [new ReplyAttachment("burn.png", "image/png", [1, 2, 3])],
        };
        Golden.Verify("image-buttons", Payloads(BlockKitRenderer.Render(reply, new Dictionary<string, string> { ["burn.png"] = "F0CHART" })));
    }

    [Theory]
    [InlineData("**bold** and **more**", "*bold* and *more*")]
    [InlineData("_italic_ and `code`", "_italic_ and `code`")]
    [InlineData("ask <@U0ALICE> in <#C0PAY|payments>, <!here>", "ask <@U0ALICE> in <#C0PAY|payments>, &lt;!here&gt;")]
    [InlineData("<!channel> <!everyone> <!subteam^S0ONCALL|@oncall> <@U0DAVE|dave>", "&lt;!channel&gt; &lt;!everyone&gt; &lt;!subteam^S0ONCALL|@oncall&gt; <@U0DAVE|dave>")]
    [InlineData("a < b & c > d", "a &lt; b &amp; c &gt; d")]
    [InlineData("<script>", "&lt;script&gt;")]
    public void ToMrkdwn_ConvertsTheReplySubset(string markdown, string mrkdwn) =>
        Assert.Equal(mrkdwn, SlackMarkdown.ToMrkdwn(markdown));

    [Fact]
    public void Render_LongText_SplitsIntoSectionsWithinTheLimit()
    {
        var lines = Enumerable.Range(1, 200).Select(i => $"line {i}: " + new string('x', 40)).ToArray();
        var reply = new Reply { Blocks = [new TextBlock(string.Join("\n", lines))] };

        var message = Assert.Single(BlockKitRenderer.Render(reply));
        var texts = message.Blocks.Select(b => b!["text"]!["text"]!.GetValue<string>()).ToArray();
        Assert.True(texts.Length >= 4);
        Assert.All(texts, t => Assert.True(t.Length <= BlockKitLimits.SectionText));
        Assert.Equal(string.Join("\n", lines), string.Join("\n", texts)); // nothing lost, split at line breaks
    }

    [Fact]
    public void Render_ManyFields_TenPerSection()
    {
        var reply = new Reply { Blocks = [new FieldsBlock(Enumerable.Range(1, 23).Select(i => new ReplyField($"f{i}", $"{i}")).ToArray())] };
        var counts = BlockKitRenderer.Render(reply)[0].Blocks.Select(b => b!["fields"]!.AsArray().Count).ToArray();
        Assert.Equal([10, 10, 3], counts);
    }

    [Fact]
    public void Render_MoreThanFiftyBlocks_SplitsIntoMessagesWithButtonsAndContextLast()
    {
        var reply = new Reply
        {
            Header = "Many",
            Blocks = Enumerable.Range(1, 70).Select(i => (ReplyBlock)new TextBlock($"block {i}")).ToArray(),
            Buttons = [new ReplyButton("x.more", "More")],
            Context = "source: test",
            Summary = "many blocks",
        };

        var messages = BlockKitRenderer.Render(reply);
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.True(m.Blocks.Count <= BlockKitLimits.BlocksPerMessage));
        Assert.Equal("header", messages[0].Blocks[0]!["type"]!.GetValue<string>());
        Assert.Equal(["actions", "context"], messages[1].Blocks.TakeLast(2).Select(b => b!["type"]!.GetValue<string>()));
        Assert.Equal(71 + 2, messages.Sum(m => m.Blocks.Count));
        Assert.Equal("many blocks", messages[0].Text);
        Assert.StartsWith("(part 2 of 2)", messages[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FarTooLong_IsCutVisiblyAfterFiveMessages()
    {
        var big = new string('y', 2500);
        var reply = new Reply
        {
            Blocks = Enumerable.Range(1, 400).Select(i => (ReplyBlock)new TextBlock($"{i} {big}")).ToArray(),
            Buttons = [new ReplyButton("x.more", "More")],
        };

        var messages = BlockKitRenderer.Render(reply);
        Assert.Equal(BlockKitLimits.MessagesPerReply, messages.Count);
        Assert.All(messages, m => Assert.True(m.ToPayload().ToJsonString().Length <= BlockKitLimits.MessageChars + 4000));
        Assert.All(messages, m => Assert.True(m.Blocks.Count <= BlockKitLimits.BlocksPerMessage));
        var last = messages[^1].Blocks.Select(b => b!.ToJsonString()).ToArray();
        Assert.Contains(last, b => b.Contains("more blocks cut", StringComparison.Ordinal));
        Assert.Contains("actions", last[^1], StringComparison.Ordinal);
        var shown = messages.Sum(m => m.Blocks.Count(b => b!["text"]?["text"]?.GetValue<string>().Contains(big, StringComparison.Ordinal) == true));
        var note = messages[^1].Blocks.Single(b => b!.ToJsonString().Contains("more blocks cut", StringComparison.Ordinal))!["text"]!["text"]!.GetValue<string>();
        Assert.StartsWith($":scissors: _{400 - shown} more blocks cut", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HeaderOverLimit_IsTruncatedWithEllipsis()
    {
        var header = BlockKitRenderer.Render(new Reply { Header = new string('h', 200) })[0].Blocks[0]!["text"]!["text"]!.GetValue<string>();
        Assert.Equal(BlockKitLimits.HeaderText, header.Length);
        Assert.EndsWith("…", header, StringComparison.Ordinal);
    }
}
