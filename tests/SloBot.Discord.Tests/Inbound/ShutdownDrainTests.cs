using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using SloBot.Testing;

namespace SloBot.Discord.Tests.Inbound;

/// <summary>
/// Issue 13, item 16, through the real Discord transport and chat layer: shutdown waits for the interactions being
/// handled; one still running when the grace period ends is answered "SloBot is restarting" instead of silence.
/// </summary>
public sealed class ShutdownDrainTests
{
    [Fact]
    public async Task InteractionStillRunningWhenTheGraceEnds_IsAnsweredSloBotIsRestarting()
    {
        var source = TestCatalog.Steady();
        source.Hold = new(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = await DiscordHarness.StartAsync(services: s => s.AddSingleton<ISliSource>(source));
        await harness.LiveAsync();

        var interaction = await harness.Emulator.InteractAsync(2, DiscordHarness.SlashCommand("budget", ("service", "payment")));
        await source.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        using var grace = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await harness.StopAsync(grace.Token);

        var answers = harness.Emulator.ResponsesTo(interaction).Select(r => r.Body?.ToJsonString() ?? "").ToArray();
        Assert.Single(answers, a => a.Contains("SloBot is restarting, ask again in a minute.", StringComparison.Ordinal));
        Assert.DoesNotContain(answers, a => a.Contains("Budget remaining", StringComparison.Ordinal));
        Assert.Contains("the asker is told SloBot is restarting", string.Join("\n", harness.Logs.GetSnapshot().Select(l => l.Message)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InteractionFinishingWithinTheGrace_GetsItsAnswer()
    {
        var source = TestCatalog.Steady();
        source.Hold = new(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = await DiscordHarness.StartAsync(services: s => s.AddSingleton<ISliSource>(source));
        await harness.LiveAsync();

        var interaction = await harness.Emulator.InteractAsync(2, DiscordHarness.SlashCommand("budget", ("service", "payment")));
        await source.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stopping = harness.StopAsync(grace.Token);
        Assert.False(stopping.IsCompleted); // shutdown waits for the running interaction...
        source.Hold.SetResult(); // ...which then finishes
        await stopping;

        var answers = harness.Emulator.ResponsesTo(interaction).Select(r => r.Body?.ToJsonString() ?? "").ToArray();
        Assert.Contains(answers, a => a.Contains("Budget remaining", StringComparison.Ordinal));
        Assert.DoesNotContain(answers, a => a.Contains("restarting", StringComparison.Ordinal));
    }

}
