using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Commands;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Discord.Delivery;
using SloBot.Discord.Inbound;
using SloBot.Discord.Rendering;
using SloBot.Discord.Tests.Emulator;

namespace SloBot.Discord.Tests.Inbound;

public sealed class ComponentInteractionTests
{
    [Fact]
    public async Task ButtonClick_ReachesItsHandlerWithActionAndValue_AndTheReplyIsANewMessage()
    {
        var clicks = new TaskCompletionSource<ButtonClick>();
        await using var harness = await DiscordHarness.StartAsync(services: s => s.AddSingleton<IButtonHandler>(new RefreshHandler(clicks)));
        await harness.LiveAsync();
        var message = new JsonObject { ["id"] = "1800000000000000001", ["channel_id"] = DiscordEmulator.ChannelId, ["content"] = "", ["author"] = new JsonObject { ["id"] = harness.Emulator.BotUserId } };

        var interaction = await harness.Emulator.InteractAsync(3, new JsonObject { ["custom_id"] = "probe.refresh|payment", ["component_type"] = 2 }, message: message);

        var click = await clicks.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(("probe.refresh", "payment", "1800000000000000001"), (click.ActionId, click.Value, click.MessageId));
        Assert.Equal(new ConversationKey("discord", DiscordEmulator.ChannelId), click.Where);
        Assert.Equal(new ChatUser("1500000000000000001", "Ada"), click.User);
        await harness.UntilAsync(() => harness.Emulator.ResponsesTo(interaction).Any(r => r.Method == "POST" && r.Path.StartsWith("/api/v10/webhooks/", StringComparison.Ordinal)), "the reply");
        var responses = harness.Emulator.ResponsesTo(interaction);
        Assert.Equal(6, responses[0].Body!["type"]!.GetValue<int>()); // a silent update: the clicked message stays
        Assert.Equal("refreshed payment", responses.Single(r => r.Method == "POST" && r.Path.StartsWith("/api/v10/webhooks/", StringComparison.Ordinal)).Body!["content"]!.GetValue<string>());
        Assert.DoesNotContain(responses, r => r.Method is "PATCH" or "DELETE");
    }

    [Fact]
    public async Task RefreshButtonOfABudgetReply_ReplacesItWithTheBudgetAsOfNow()
    {
        await using var harness = await DiscordHarness.StartAsync();
        await harness.LiveAsync();
        var command = await harness.Emulator.InteractAsync(2, DiscordHarness.SlashCommand("budget", ("service", "payment")));
        await harness.UntilAsync(() => harness.Emulator.ResponsesTo(command).Any(r => r.Method == "PATCH"), "the budget");
        var customId = harness.Emulator.ResponsesTo(command).Single(r => r.Method == "PATCH").Body!["components"]![0]!["components"]![0]!["custom_id"]!.GetValue<string>();

        var click = await harness.Emulator.InteractAsync(3, new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 });

        await harness.UntilAsync(() => harness.Emulator.ResponsesTo(click).Any(r => r.Method == "PATCH"), "the refreshed budget");
        var responses = harness.Emulator.ResponsesTo(click);
        Assert.Equal(6, responses[0].Body!["type"]!.GetValue<int>()); // DEFERRED_UPDATE_MESSAGE, then the clicked message is edited
        var edit = responses.Single(r => r.Method == "PATCH");
        Assert.EndsWith("/messages/@original", edit.Path, StringComparison.Ordinal);
        Assert.Equal("Error budget · payment", edit.Body!["embeds"]![0]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task ButtonClick_WithNothingToSay_IsAcknowledgedSilently()
    {
        await using var harness = await DiscordHarness.StartAsync(services: s => s.AddSingleton<IButtonHandler>(new QuietHandler()));
        await harness.LiveAsync();

        var interaction = await harness.Emulator.InteractAsync(3, new JsonObject { ["custom_id"] = "quiet", ["component_type"] = 2 });

        await harness.UntilAsync(() => harness.Emulator.ResponsesTo(interaction).Count == 1, "the acknowledgement");
        Assert.Equal(6, harness.Emulator.ResponsesTo(interaction)[0].Body!["type"]!.GetValue<int>()); // DEFERRED_UPDATE_MESSAGE
    }

    [Fact]
    public void ModalSubmit_ValuesFromLabelsAndLegacyActionRows_AreKeyedByInputId()
    {
        var interaction = new JsonObject
        {
            ["id"] = "1900000000000000001",
            ["type"] = 5,
            ["channel_id"] = "1300000000000000002",
            ["channel"] = new JsonObject { ["id"] = "1300000000000000002", ["type"] = 11, ["parent_id"] = DiscordEmulator.ChannelId },
            ["member"] = new JsonObject { ["user"] = new JsonObject { ["id"] = "42", ["username"] = "grace" }, ["nick"] = "Grace H." },
            ["data"] = JsonNode.Parse("""
                {"custom_id":"retro:answers","components":[
                  {"type":18,"id":1,"component":{"type":4,"id":2,"custom_id":"impact","value":"checkout down 14 min"}},
                  {"type":1,"components":[{"type":4,"custom_id":"cause","value":"config push"}]}]}
                """),
        };

        var submit = Assert.IsType<ModalSubmit>(new InteractionParser(new ButtonIds()).Parse(interaction, [], DateTimeOffset.UnixEpoch));

        Assert.Equal("retro:answers", submit.CallbackId);
        Assert.Equal("checkout down 14 min", submit.Values["impact"]);
        Assert.Equal("config push", submit.Values["cause"]);
        Assert.Equal(new ConversationKey("discord", DiscordEmulator.ChannelId, "1300000000000000002"), submit.Where);
        Assert.Equal(new ChatUser("42", "Grace H."), submit.User);
    }

    private sealed class RefreshHandler(TaskCompletionSource<ButtonClick> clicks) : IButtonHandler
    {
        public string ActionPrefix => "probe.refresh";

        public Task<Reply?> HandleAsync(ButtonClick click, CancellationToken cancellationToken)
        {
            clicks.TrySetResult(click);
            return Task.FromResult<Reply?>(Reply.Text($"refreshed {click.Value}"));
        }
    }

    private sealed class QuietHandler : IButtonHandler
    {
        public string ActionPrefix => "quiet";

        public Task<Reply?> HandleAsync(ButtonClick click, CancellationToken cancellationToken) => Task.FromResult<Reply?>(null);
    }
}
