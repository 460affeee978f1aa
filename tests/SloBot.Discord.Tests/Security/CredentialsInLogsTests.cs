using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SloBot.Discord.Tests.Emulator;
using Xunit;

namespace SloBot.Discord.Tests.Security;

/// <summary>
/// Issue 13 item 9 on Discord: a session through the emulator logged at Trace — a slash command answered by editing
/// the original response (a webhook URL carrying the interaction token), an unknown service, a mention answered in a
/// new thread — leaves neither the bot token nor an interaction token nor a webhook path in the logs.
/// </summary>
public sealed class CredentialsInLogsTests
{
    [Fact]
    public async Task FullSession_LoggedAtTrace_NamesNoTokenOrWebhookUrl()
    {
        await using var harness = await DiscordHarness.StartAsync(logLevel: LogLevel.Trace);
        await harness.LiveAsync();

        var budget = await harness.Emulator.InteractAsync(2, DiscordHarness.SlashCommand("budget", ("service", "payment")));
        var unknown = await harness.Emulator.InteractAsync(2, DiscordHarness.SlashCommand("budget", ("service", "paymnet")));
        await harness.Emulator.Gateway.DispatchAsync("MESSAGE_CREATE", new JsonObject
        {
            ["id"] = "1700000000000000301",
            ["type"] = 0,
            ["channel_id"] = DiscordEmulator.ChannelId,
            ["guild_id"] = DiscordEmulator.GuildId,
            ["author"] = new JsonObject { ["id"] = "1500000000000000009", ["username"] = "ada" },
            ["content"] = $"<@{harness.Emulator.BotUserId}> budget checkout",
            ["mentions"] = new JsonArray(new JsonObject { ["id"] = harness.Emulator.BotUserId }),
        });
        await harness.UntilAsync(
            () => harness.Emulator.ResponsesTo(budget).Any(r => r.Method == "PATCH") && harness.Emulator.ResponsesTo(unknown).Count >= 2
                && harness.Emulator.Requests.Any(r => r.Path == "/api/v10/channels/1700000000000000301/messages"),
            "every answer");

        var records = harness.Logs.GetSnapshot();
        var logs = string.Join("\n", records.Select(r => $"{r.Category} {r.Level} {r.Message} {r.Exception}"));
        // Every category logs at the lowest level indeed (the HttpClient factory's own loggers would write each URL).
        Assert.True(harness.Services.GetRequiredService<ILoggerFactory>().CreateLogger("System.Net.Http.HttpClient.Default.LogicalHandler").IsEnabled(LogLevel.Trace));
        Assert.NotEmpty(records);
        string[] secrets = [harness.Emulator.BotToken, budget["token"]!.GetValue<string>(), unknown["token"]!.GetValue<string>(), "/webhooks/", "/callback"];
        foreach (var secret in secrets)
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
    }
}
