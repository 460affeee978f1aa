using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Commands;
using SloBot.Chat.Replies;
using SloBot.Slack.Tests.Emulator;
using SloBot.Slack.Tests.SocketMode;

namespace SloBot.Slack.Tests.Delivery;

/// <summary>Answers with a chart still go through the command's response_url; the same chart is uploaded once.</summary>
public sealed class ChartAnswerTests
{
    [Fact]
    public async Task ChartAnswers_UseTheResponseUrl_WithTheImageByFileId_UploadedOnceForEveryone()
    {
        await using var slack = await SlackEmulator.StartAsync();
        await using var host = await SlackTestHost.StartAsync(slack, s =>
        {
            ChatLayerEndToEndTests.AddChatLayer(s);
            s.AddCommand<ChartCommand>();
        });
        await slack.WaitForSocketAsync();

        for (var i = 0; i < 3; i++)
            await slack.SendAsync(SlackEnvelopes.SlashCommand("chart", slack.NewResponseUrl(out _), user: $"U0USER{i}"));
        await SlackEmulator.WaitUntilAsync(() => slack.CallsOf("response_url").Count == 3, "three answers");

        var upload = Assert.Single(slack.CallsOf("files.getUploadURLExternal"));
        Assert.Equal("burn-down-payment.png", upload.Form["filename"]);
        var fileId = Assert.Single(slack.CallsOf("files.completeUploadExternal")).Body.GetProperty("files")[0].GetProperty("id").GetString();
        foreach (var answer in slack.CallsOf("response_url"))
        {
            var image = answer.Body.GetProperty("blocks").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "image");
            Assert.Equal(fileId, image.GetProperty("slack_file").GetProperty("id").GetString());
        }

        Assert.Empty(slack.CallsOf("chat.postMessage"));
    }

    internal sealed class ChartCommand : ICommandHandler
    {
        private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

        public CommandSpec Spec { get; } = new("chart", "A reply with a chart", [], ["/slo chart"]);

        public Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken) => Task.FromResult(new Reply
        {
            Header = "Error budget · payment",
            Blocks = [new TextBlock("42 % left"), new ImageBlock("burn-down-payment.png", "Burn-down of the payment budget")],
            Attachments = [new ReplyAttachment("burn-down-payment.png", "image/png", Png)],
        });
    }
}
