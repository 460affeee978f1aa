using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SloBot.Discord.Tests.Emulator;

namespace SloBot.Discord.Tests.Inbound;

public sealed class BudgetInteractionTests
{
    [Fact]
    public async Task SloBudgetPayment_OverGateway_DefersThenEditsOriginalWithBudgetEmbed()
    {
        await using var harness = await DiscordHarness.StartAsync();
        await harness.LiveAsync();

        var interaction = await harness.Emulator.InteractAsync(2, DiscordHarness.SlashCommand("budget", ("service", "payment")));
        await harness.UntilAsync(() => harness.Emulator.ResponsesTo(interaction).Any(r => r.Method == "PATCH"), "the original response to be edited");

        var responses = harness.Emulator.ResponsesTo(interaction);
        Assert.Equal(["POST", "PATCH"], responses.Select(r => r.Method));
        Assert.All(responses, r => Assert.InRange(r.Status, 200, 299));
        var callback = responses[0].Body!;
        Assert.Equal(5, callback["type"]!.GetValue<int>());
        Assert.Null(callback["data"]?["flags"]); // a budget is for the channel, not ephemeral

        var edit = responses[1].Body!;
        var embed = edit["embeds"]![0]!;
        Assert.Equal("Error budget · payment", embed["title"]!.GetValue<string>());
        Assert.Contains("**availability** — 99.9 % over 30 days: **healthy**", embed["description"]!.GetValue<string>(), StringComparison.Ordinal);
        var fields = embed["fields"]!.AsArray().ToDictionary(f => f!["name"]!.GetValue<string>(), f => f!["value"]!.GetValue<string>());
        Assert.StartsWith("50 %", fields["Budget remaining"], StringComparison.Ordinal);
        Assert.Equal("99.95 %", fields["SLI"]);
        Assert.StartsWith("Rolling windows ending 2026-11-23 12:00 UTC", embed["footer"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var button = edit["components"]![0]!["components"]![0]!;
        Assert.Equal("budget.refresh|payment", button["custom_id"]!.GetValue<string>());
        Assert.Equal("Refresh", button["label"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownService_DefersEphemerally_AndSuggestsTheCloseName()
    {
        await using var harness = await DiscordHarness.StartAsync();
        await harness.LiveAsync();

        var interaction = await harness.Emulator.InteractAsync(2, DiscordHarness.SlashCommand("budget", ("service", "paymnet")));
        await harness.UntilAsync(() => harness.Emulator.ResponsesTo(interaction).Any(r => r.Method == "PATCH"), "the edit");

        var responses = harness.Emulator.ResponsesTo(interaction);
        Assert.Equal(64, responses[0].Body!["data"]!["flags"]!.GetValue<int>());
        Assert.Contains("did you mean `payment`?", responses[1].Body!["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowCommand_IsDeferredPubliclyByTheTimer_ThenAnEphemeralReplyReplacesIt()
    {
        var gate = new TaskCompletionSource();
        await using var harness = await DiscordHarness.StartAsync(services: s => s.AddSingleton<Chat.Commands.ICommandHandler>(new SlowCommand(gate.Task)));
        await harness.LiveAsync();

        var interaction = await harness.Emulator.InteractAsync(2, DiscordHarness.SlashCommand("slow"));
        await harness.UntilAsync(() => harness.Emulator.ResponsesTo(interaction).Count == 1, "the deferral", TimeSpan.FromMilliseconds(5));
        Assert.Null(harness.Emulator.ResponsesTo(interaction)[0].Body!["data"]?["flags"]);

        gate.SetResult();
        await harness.UntilAsync(() => harness.Emulator.ResponsesTo(interaction).Count == 3, "delete + ephemeral follow-up");
        var responses = harness.Emulator.ResponsesTo(interaction);
        Assert.Equal(["POST", "DELETE", "POST"], responses.Select(r => r.Method));
        Assert.Equal(64, responses[2].Body!["flags"]!.GetValue<int>());
    }

    private sealed class SlowCommand(Task gate) : Chat.Commands.ICommandHandler
    {
        public Chat.Commands.CommandSpec Spec { get; } = new("slow", "Takes its time", [], ["/slo slow"]);

        public async Task<Chat.Replies.Reply> HandleAsync(Chat.Commands.CommandContext context, CancellationToken cancellationToken)
        {
            await gate.WaitAsync(cancellationToken);
            return Chat.Replies.Reply.BadCommand("private answer");
        }
    }
}
