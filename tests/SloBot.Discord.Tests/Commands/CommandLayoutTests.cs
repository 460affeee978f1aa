using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Commands;
using SloBot.Chat.Replies;
using SloBot.Discord.Commands;
using SloBot.Discord.Tests.Emulator;

namespace SloBot.Discord.Tests.Commands;

public sealed class CommandLayoutTests
{
    [Fact]
    public async Task SloBotsOwnCommands_FitInSlo_WithinEveryDiscordLimit()
    {
        await using var harness = await DiscordHarness.StartAsync(run: false);
        var specs = harness.Services.GetRequiredService<CommandRouter>().Commands;

        var definition = SlashCommandDefinition.Build(specs);

        Assert.Equal("", string.Join("\n", SlashCommandLimits.Check(definition)));
        Assert.Equal(["slo"], definition.Select(c => c!["name"]!.GetValue<string>()));
        AssertEveryCommandReachable(specs, CommandLayout.Create(specs));
    }

    [Fact]
    public void FortyExtraCommands_SpillIntoSloMore_AndEveryOneIsReachable()
    {
        var specs = Enumerable.Range(1, 40).Select(i => Fake($"extra{i:00}")).Concat(Enumerable.Range(1, 30).Select(i => Fake($"bulk op{i:00}"))).ToArray();

        var layout = CommandLayout.Create(specs);

        Assert.Empty(SlashCommandLimits.Check(layout.Commands));
        Assert.True(layout.Commands.Count >= 2, "70 commands need more than one Discord command");
        Assert.Equal("slo", layout.Commands[0]!["name"]!.GetValue<string>());
        Assert.Equal("slo-more", layout.Commands[1]!["name"]!.GetValue<string>());
        AssertEveryCommandReachable(specs, layout);
        // the group of 30 is split in two chunks that keep the name "bulk", in different top-level commands
        Assert.Equal(2, layout.Commands.Count(c => c!["options"]!.AsArray().Any(o => o!["name"]!.GetValue<string>() == "bulk")));
    }

    [Fact]
    public void BigCommands_SpillByCharacters_BeforeTheyReach25()
    {
        var description = new string('d', 100);
        var options = Enumerable.Range(1, 10).Select(i => new CommandOption($"option{i}", description)).ToArray();
        var specs = Enumerable.Range(1, 12).Select(i => new CommandSpec($"big{i}", description, options, [])).ToArray();

        var layout = CommandLayout.Create(specs);

        Assert.Empty(SlashCommandLimits.Check(layout.Commands));
        Assert.All(layout.Commands, c => Assert.InRange(SlashCommandLimits.Characters(c), 1, 8000));
        Assert.True(layout.Commands.Count > 1);
        AssertEveryCommandReachable(specs, layout);
    }

    [Fact]
    public void OneWordCommandNamedLikeAGroup_JoinsTheGroup()
    {
        CommandSpec[] specs = [Fake("review"), Fake("review start")];

        var layout = CommandLayout.Create(specs);

        Assert.Empty(SlashCommandLimits.Check(layout.Commands));
        Assert.Same(specs[0], layout.Find(["slo", "review", "review"]));
        Assert.Same(specs[1], layout.Find(["slo", "review", "start"]));
    }

    public static TheoryData<string, string> Breaches => new()
    {
        { "too many options", "options25" },
        { "long name", "name" },
        { "uppercase name", "upper" },
        { "long description", "description" },
        { "empty description", "empty" },
        { "too many choices", "choices" },
        { "long choice", "choice" },
        { "required after optional", "order" },
        { "group in a subcommand", "nesting" },
        { "duplicate option names", "duplicate" },
        { "over 8000 characters", "size" },
        { "choices with autocomplete", "autocomplete" },
    };

    [Theory]
    [MemberData(nameof(Breaches))]
    public void LimitsCheck_NamesEachBreach_InsteadOfCutting(string why, string breach)
    {
        var command = Command(Sub("budget", [Option("service")]));
        var budget = (JsonObject)command["options"]![0]!;
        var leaves = (JsonArray)budget["options"]!;
        switch (breach)
        {
            case "options25": for (var i = 0; i < 25; i++) leaves.Add(Option($"o{i}")); break;
            case "name": leaves[0]!["name"] = new string('n', 33); break;
            case "upper": budget["name"] = "Budget"; break;
            case "description": leaves[0]!["description"] = new string('d', 101); break;
            case "empty": budget["description"] = ""; break;
            case "choices": leaves[0]!["choices"] = Choices(26, 5); break;
            case "choice": leaves[0]!["choices"] = Choices(1, 101); break;
            case "order": leaves.Add(Option("must", required: true)); break;
            case "nesting": leaves.Add(new JsonObject { ["type"] = 2, ["name"] = "deep", ["description"] = "d", ["options"] = new JsonArray(Sub("x", [])) }); break;
            case "duplicate": leaves.Add(Option("service")); break;
            case "size": for (var i = 0; i < 24; i++) ((JsonArray)command["options"]!).Add(Sub($"s{i}", [.. Enumerable.Range(0, 4).Select(j => Option($"o{j}", description: new string('d', 90)))])); break;
            case "autocomplete": leaves[0]!["choices"] = Choices(2, 5); leaves[0]!["autocomplete"] = true; break;
        }

        Assert.Empty(SlashCommandLimits.Check(new JsonArray(Command(Sub("budget", [Option("service")])))));
        var problems = SlashCommandLimits.Check(new JsonArray(command));
        Assert.True(problems.Count > 0, why);
        Assert.All(problems, p => Assert.StartsWith("/slo", p, StringComparison.Ordinal));
    }

    [Fact]
    public void LimitsCheck_RefusesMoreThan100Commands()
    {
        var commands = new JsonArray(Enumerable.Range(0, 101).Select(i => (JsonNode)Command(Sub("x", []), $"c{i}")).ToArray());

        Assert.Contains(SlashCommandLimits.Check(commands), p => p.Contains("101 top-level commands", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_DoesNotCutAnything_TheCheckReportsIt()
    {
        var spec = new CommandSpec("budget", new string('s', 130), [new CommandOption("window", "w", Choices: [.. Enumerable.Range(1, 30).Select(i => $"{i}d")])], []);

        var definition = SlashCommandDefinition.Build([spec]);

        var budget = definition[0]!["options"]![0]!;
        Assert.Equal(130, budget["description"]!.GetValue<string>().Length);
        Assert.Equal(30, budget["options"]![0]!["choices"]!.AsArray().Count);
        var problems = SlashCommandLimits.Check(definition);
        Assert.Contains(problems, p => p.StartsWith("/slo budget: description has 130", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("/slo budget window: 30 choices", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Registration_OfABrokenDefinition_IsRefusedWithTheReasons_AndNothingIsSent()
    {
        await using var emulator = await DiscordEmulator.StartAsync();
        await using var harness = await DiscordHarness.StartAsync(emulator, services: s => s.AddSingleton<ICommandHandler>(new FakeCommand(new CommandSpec("loud", new string('x', 150), [], []))), run: false);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Services.GetRequiredService<CommandRegistrar>().RegisterAsync(CancellationToken.None));

        Assert.Contains("/slo loud: description has 150 characters", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, emulator.CommandOverwrites);
    }

    [Fact]
    public async Task ThirtyExtraCommands_AreRegistered_AndTheLastAnswersThroughSloMore_WithAutocomplete()
    {
        await using var emulator = await DiscordEmulator.StartAsync();
        await using var harness = await DiscordHarness.StartAsync(emulator, services: s =>
        {
            for (var i = 1; i <= 30; i++)
                s.AddSingleton<ICommandHandler>(new FakeCommand(Fake($"zz{i:00}")));
        });
        await harness.LiveAsync();
        await harness.UntilAsync(() => emulator.CommandOverwrites == 1, "the registration");

        var put = emulator.Requests.Single(r => r.Method == "PUT").Body!.AsArray();
        Assert.Equal(["slo", "slo-more"], put.Select(c => c!["name"]!.GetValue<string>()));
        var registered = put.SelectMany(c => c!["options"]!.AsArray()).Select(o => o!["name"]!.GetValue<string>()).ToArray();
        var specs = harness.Services.GetRequiredService<CommandRouter>().Commands;
        Assert.Equal(specs.Select(s => s.Name.Split(' ')[0]).Distinct().Order(StringComparer.Ordinal), registered.Order(StringComparer.Ordinal));

        var data = new JsonObject
        {
            ["id"] = "1600000000000000002",
            ["name"] = "slo-more",
            ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject { ["name"] = "zz30", ["type"] = 1, ["options"] = new JsonArray(new JsonObject { ["name"] = "service", ["type"] = 3, ["value"] = "payment" }) }),
        };
        var interaction = await emulator.InteractAsync(2, data);
        await harness.UntilAsync(() => emulator.ResponsesTo(interaction).Any(r => r.Method == "PATCH"), "the answer", TimeSpan.FromMilliseconds(5));
        var answer = emulator.ResponsesTo(interaction).Single(r => r.Method == "PATCH").Body!.ToJsonString();
        Assert.Contains("zz30 ran for payment", answer, StringComparison.Ordinal);

        var help = await emulator.InteractAsync(2, DiscordHarness.SlashCommand("help"));
        await harness.UntilAsync(() => emulator.ResponsesTo(help).Any(r => r.Method == "PATCH"), "the help", TimeSpan.FromMilliseconds(5));
        var helpText = emulator.ResponsesTo(help).Single(r => r.Method == "PATCH").Body!.ToJsonString();
        Assert.Contains("zz30", helpText, StringComparison.Ordinal);
        Assert.Contains("budget", helpText, StringComparison.Ordinal);

        var typing = (JsonObject)data.DeepClone();
        typing["options"]![0]!["options"]![0]!["value"] = "pay";
        typing["options"]![0]!["options"]![0]!["focused"] = true;
        var autocomplete = await emulator.InteractAsync(4, typing);
        await harness.UntilAsync(() => emulator.ResponsesTo(autocomplete).Count == 1, "the autocomplete answer");
        Assert.Equal(["payment"], emulator.ResponsesTo(autocomplete)[0].Body!["data"]!["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()));
    }

    private static void AssertEveryCommandReachable(IReadOnlyList<CommandSpec> specs, CommandLayout layout)
    {
        foreach (var spec in specs)
        {
            var path = layout.PathOf(spec).TrimStart('/').Split(' ');
            Assert.Same(spec, layout.Find(path));
            JsonObject leaf = new() { ["name"] = path[^1], ["type"] = 1, ["options"] = new JsonArray() };
            JsonNode top = path.Length == 3 ? new JsonObject { ["name"] = path[1], ["type"] = 2, ["options"] = new JsonArray(leaf) } : leaf;
            var data = new JsonObject { ["name"] = path[0], ["type"] = 1, ["options"] = new JsonArray(top) };
            Assert.Equal(spec.Name, CommandText.Build(data, layout));
            var registered = layout.Commands.Single(c => c!["name"]!.GetValue<string>() == path[0])!["options"]!.AsArray()
                .Single(o => o!["name"]!.GetValue<string>() == path[1])!;
            if (path.Length == 3)
                Assert.Contains(registered["options"]!.AsArray(), o => o!["name"]!.GetValue<string>() == path[2]);
        }
    }

    private static CommandSpec Fake(string name) =>
        new(name, $"Fake command {name}", [new CommandOption("service", "The service", OptionKind.Service, Required: true, Positional: true)], []);

    private static JsonObject Command(JsonObject sub, string name = "slo") =>
        new() { ["name"] = name, ["type"] = 1, ["description"] = "SLOs", ["options"] = new JsonArray(sub) };

    private static JsonObject Sub(string name, JsonNode[] options) =>
        new() { ["name"] = name, ["type"] = 1, ["description"] = "a subcommand", ["options"] = new JsonArray(options) };

    private static JsonObject Option(string name, bool required = false, string description = "an option") =>
        new() { ["name"] = name, ["type"] = 3, ["description"] = description, ["required"] = required };

    private static JsonArray Choices(int count, int length) =>
        new(Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject { ["name"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(length, 'c'), ["value"] = "v" }).ToArray());

    private sealed class FakeCommand(CommandSpec spec) : ICommandHandler
    {
        public CommandSpec Spec => spec;

        public Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken) =>
            Task.FromResult(Reply.Text($"{spec.Name} ran for {context.Args.Positional.FirstOrDefault()}"));
    }
}
