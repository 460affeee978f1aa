using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Commands;
using SloBot.Discord.Commands;
using SloBot.Discord.Tests.Emulator;

namespace SloBot.Discord.Tests.Commands;

public sealed class CommandRegistrationTests
{
    [Fact]
    public async Task Startup_RegistersSloInTheGuildOnce_AndNotAgainWhenUnchanged()
    {
        await using var emulator = await DiscordEmulator.StartAsync();
        await using (var first = await DiscordHarness.StartAsync(emulator))
        {
            await first.UntilAsync(() => emulator.CommandOverwrites == 1, "the first registration");
            var put = emulator.Requests.Single(r => r.Method == "PUT");
            Assert.Equal($"/api/v10/applications/{emulator.ApplicationId}/guilds/{DiscordEmulator.GuildId}/commands", put.Path);
            var slo = Assert.Single(put.Body!.AsArray())!;
            Assert.Equal("slo", slo["name"]!.GetValue<string>());
            var budget = slo["options"]!.AsArray().Single(o => o!["name"]!.GetValue<string>() == "budget")!;
            Assert.Equal(1, budget["type"]!.GetValue<int>());
            var service = budget["options"]![0]!;
            Assert.Equal("service", service["name"]!.GetValue<string>());
            Assert.True(service["required"]!.GetValue<bool>());
            Assert.True(service["autocomplete"]!.GetValue<bool>());
        }

        var second = await DiscordHarness.StartAsync(emulator, run: false);
        var written = await second.Services.GetRequiredService<CommandRegistrar>().RegisterAsync(CancellationToken.None);
        Assert.Equal(0, written);
        Assert.Equal(1, emulator.CommandOverwrites);
        Assert.Equal(2, emulator.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/commands", StringComparison.Ordinal)));
        await second.DisposeAsync();
    }

    [Fact]
    public async Task ChangedCommands_AreRegisteredAgain_GloballyWithoutGuildIds()
    {
        await using var emulator = await DiscordEmulator.StartAsync();
        await using var first = await DiscordHarness.StartAsync(emulator, configure: c => c.Remove("SloBot:Discord:GuildIds:0"), run: false);
        Assert.Equal(1, await first.Services.GetRequiredService<CommandRegistrar>().RegisterAsync(CancellationToken.None));
        Assert.Equal($"/api/v10/applications/{emulator.ApplicationId}/commands", emulator.Requests.Single(r => r.Method == "PUT").Path);

        await using var changed = await DiscordHarness.StartAsync(
            emulator,
            configure: c => c.Remove("SloBot:Discord:GuildIds:0"),
            services: s => s.AddCommand<RetroStart>(),
            run: false);
        Assert.Equal(1, await changed.Services.GetRequiredService<CommandRegistrar>().RegisterAsync(CancellationToken.None));
        Assert.Equal(2, emulator.CommandOverwrites);
    }

    [Fact]
    public async Task Registration_WhenDiscordFailsAtFirst_IsRetriedWithBackoff()
    {
        await using var emulator = await DiscordEmulator.StartAsync();
        var failures = 0;
        emulator.Intercept = (context, path) =>
        {
            if (!path.EndsWith("/commands", StringComparison.Ordinal) || Interlocked.Increment(ref failures) > 2)
                return Task.FromResult(false);
            context.Response.StatusCode = 502;
            return Task.FromResult(true);
        };

        await using var harness = await DiscordHarness.StartAsync(emulator);

        await harness.UntilAsync(() => emulator.CommandOverwrites == 1, "registration after two failures", TimeSpan.FromSeconds(1));
        Assert.Equal(2, emulator.Requests.Count(r => r.Status == 502));
        Assert.True(harness.Logs.GetSnapshot().Count(r => r.Id.Id == 4003) == 2, "each retry is logged");
    }

    [Fact]
    public void TwoWordCommand_BecomesASubcommandGroup_WithRequiredOptionsFirst()
    {
        var definition = SlashCommandDefinition.Build(
        [
            new CommandSpec("budget", "Budget", [new CommandOption("service", "The service", OptionKind.Service, Required: true, Positional: true)], []),
            new CommandSpec("retro start", "Start a retrospective", [new CommandOption("notes", "Notes"), new CommandOption("incident", "Incident id", Required: true, Positional: true), new CommandOption("dry", "Try it", OptionKind.Boolean)], []),
            new CommandSpec("retro list", "List retrospectives", [new CommandOption("state", "Which", Choices: ["open", "closed"])], []),
        ])[0]!;

        var retro = definition["options"]!.AsArray().Single(o => o!["name"]!.GetValue<string>() == "retro")!;
        Assert.Equal(2, retro["type"]!.GetValue<int>());
        var start = retro["options"]!.AsArray().Single(o => o!["name"]!.GetValue<string>() == "start")!;
        Assert.Equal(["incident", "notes", "dry"], start["options"]!.AsArray().Select(o => o!["name"]!.GetValue<string>()));
        Assert.Equal(5, start["options"]![2]!["type"]!.GetValue<int>());
        var state = retro["options"]!.AsArray().Single(o => o!["name"]!.GetValue<string>() == "list")!["options"]![0]!;
        Assert.Equal(["open", "closed"], state["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()));
        Assert.Null(state["autocomplete"]);
    }

    [Fact]
    public async Task Autocomplete_OnServiceOption_AnswersWithCatalogNames()
    {
        await using var harness = await DiscordHarness.StartAsync();
        await harness.LiveAsync();
        var data = DiscordHarness.SlashCommand("budget", ("service", "pay"));
        data["options"]![0]!["options"]![0]!["focused"] = true;

        var interaction = await harness.Emulator.InteractAsync(4, data);

        await harness.UntilAsync(() => harness.Emulator.ResponsesTo(interaction).Count == 1, "the autocomplete answer");
        var answer = harness.Emulator.ResponsesTo(interaction)[0].Body!;
        Assert.Equal(8, answer["type"]!.GetValue<int>());
        Assert.Equal(["payment"], answer["data"]!["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("""[{"name":"budget","type":1,"options":[{"name":"service","type":3,"value":"payment"}]}]""", "budget payment")]
    [InlineData("""[{"name":"budget","type":1,"options":[{"name":"slo","type":3,"value":"availability"},{"name":"service","type":3,"value":"payment"}]}]""", "budget payment availability")]
    [InlineData("""[{"name":"retro","type":2,"options":[{"name":"start","type":1,"options":[{"name":"notes","type":3,"value":"db failover"},{"name":"dry","type":5,"value":true},{"name":"incident","type":3,"value":"INC-7"}]}]}]""", "retro start INC-7 notes=\"db failover\" dry")]
    [InlineData("""[{"name":"help","type":1}]""", "help")]
    public void CommandText_RebuildsTheTextTheRouterParses(string options, string expected)
    {
        var data = new JsonObject { ["name"] = "slo", ["type"] = 1, ["options"] = JsonNode.Parse(options) };
        CommandSpec[] specs =
        [
            new("budget", "", [new CommandOption("service", "", OptionKind.Service, true, true), new CommandOption("slo", "", Positional: true)], []),
            new("retro start", "", [new CommandOption("incident", "", Required: true, Positional: true), new CommandOption("notes", ""), new CommandOption("dry", "", OptionKind.Boolean)], []),
            new("help", "", [], []),
        ];

        Assert.Equal(expected, CommandText.Build(data, CommandLayout.Create(specs)));
    }

    private sealed class RetroStart : ICommandHandler
    {
        public CommandSpec Spec { get; } = new("retro start", "Start a retrospective", [new CommandOption("incident", "Incident id", Required: true, Positional: true)], []);

        public Task<Chat.Replies.Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken) =>
            Task.FromResult(Chat.Replies.Reply.Text("started"));
    }
}
