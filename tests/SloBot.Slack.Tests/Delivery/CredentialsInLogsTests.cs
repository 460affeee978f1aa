using Microsoft.Extensions.Logging;
using SloBot.Chat.Commands;
using SloBot.Slack.Tests.Emulator;
using SloBot.Slack.Tests.SocketMode;

namespace SloBot.Slack.Tests.Delivery;

/// <summary>Issue 13 item 9: a full session through the emulator, logged at Trace, leaves no credential in the logs.</summary>
public sealed class CredentialsInLogsTests
{
    [Fact]
    public async Task FullSession_LoggedAtTrace_NamesNoTokenSecretResponseUrlOrUploadUrl()
    {
        await using var slack = await SlackEmulator.StartAsync();
        var settings = SlackTestHost.Settings(slack);
        await using (var host = await SlackTestHost.StartAsync(slack, s =>
        {
            ChatLayerEndToEndTests.AddChatLayer(s);
            s.AddCommand<ChartAnswerTests.ChartCommand>();
        }, logLevel: LogLevel.Trace))
        {
            await slack.WaitForSocketAsync();
            await slack.SendAsync(SlackEnvelopes.SlashCommand("budget payment", slack.NewResponseUrl(out _)));
            await slack.SendAsync(SlackEnvelopes.SlashCommand("chart", slack.NewResponseUrl(out _)));
            await slack.SendAsync(SlackEnvelopes.Interactive(SlackEnvelopes.BlockActions("budget.refresh", "payment", slack.NewResponseUrl(out _), messageTs: "1700000000.000777")));
            await slack.SendAsync(SlackEnvelopes.EventsApi(SlackEnvelopes.AppMention("<@U0BOT> budget payment", "1790000000.000100"), "Ev1"));
            await SlackEmulator.WaitUntilAsync(
                () => slack.CallsOf("response_url").Count >= 2 && slack.CallsOf("chat.update").Count >= 1 && slack.CallsOf("chat.postMessage").Count >= 1 && slack.CallsOf("files.completeUploadExternal").Count >= 1,
                "every answer");

            var logs = host.Logs.All;
            Assert.Contains(host.Logs.Entries, e => e.Level is LogLevel.Trace or LogLevel.Debug); // logged at the lowest levels indeed
            string[] secrets = [SlackEmulator.AppToken, SlackEmulator.BotToken, settings["SloBot:Slack:SigningSecret"]!, "/response/", "/upload/"];
            foreach (var secret in secrets)
                Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }
    }
}
