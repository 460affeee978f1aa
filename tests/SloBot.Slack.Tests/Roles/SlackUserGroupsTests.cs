using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Commands;
using SloBot.Chat.Replies;
using SloBot.Slack.Inbound;
using SloBot.Slack.Tests.Emulator;
using SloBot.Slack.Tests.SocketMode;

namespace SloBot.Slack.Tests.Roles;

/// <summary>Slack user-group ids reach the chat layer on every event, so <c>SloBot:Roles</c> may name groups (S…).</summary>
public sealed class SlackUserGroupsTests
{
    [Fact]
    public async Task GroupsFromUsergroupsList_AreOnTheUserOfEachEvent()
    {
        await using var slack = await SlackEmulator.StartAsync();
        await using var host = await SlackTestHost.StartAsync(slack, Services);
        await slack.WaitForSocketAsync();
        await host.Services.GetRequiredService<SlackUserGroups>().RefreshAsync(CancellationToken.None);

        Assert.Equal("U0ALICE in S0SRE", await AskAsync(slack, "U0ALICE"));
        Assert.Equal("U0CAROL in no group", await AskAsync(slack, "U0CAROL"));
        Assert.Contains(slack.CallsOf("usergroups.list"), c => c.Str("include_users") == "true");
    }

    [Fact]
    public async Task WithoutTheScope_SloBotSaysSoOnce_AndMatchesByUserId()
    {
        await using var slack = await SlackEmulator.StartAsync();
        slack.UserGroupsScopeMissing = true;
        await using var host = await SlackTestHost.StartAsync(slack, Services);
        await slack.WaitForSocketAsync();
        await SlackEmulator.WaitUntilAsync(() => host.Logs.All.Contains("usergroups:read", StringComparison.Ordinal), "the missing-scope log line");

        Assert.Equal("U0ALICE in no group", await AskAsync(slack, "U0ALICE"));
    }

    private static void Services(IServiceCollection services)
    {
        ChatLayerEndToEndTests.AddChatLayer(services);
        services.AddCommand<WhoAmI>();
    }

    private static async Task<string> AskAsync(SlackEmulator slack, string user)
    {
        await slack.SendAsync(SlackEnvelopes.SlashCommand("whoami", slack.NewResponseUrl(out var id), user: user));
        var answer = await SlackEmulator.WaitForAsync(() => slack.CallsOf("response_url").FirstOrDefault(c => c.Form["id"] == id), "the answer");
        return answer.Body.GetProperty("text").GetString()!;
    }

    private sealed class WhoAmI : ICommandHandler
    {
        public CommandSpec Spec { get; } = new("whoami", "Echoes the user's groups", [], ["/slo whoami"]);

        public Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
        {
            var user = context.Event.User;
            return Task.FromResult(Reply.Text($"{user.Id} in {(user.GroupIds.Count == 0 ? "no group" : string.Join(", ", user.GroupIds))}"));
        }
    }
}
