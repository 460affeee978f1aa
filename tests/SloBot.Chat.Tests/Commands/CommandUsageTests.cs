using SloBot.Chat.Commands;
using SloBot.Chat.Replies;
using Xunit;

namespace SloBot.Chat.Tests.Commands;

/// <summary>Issue 14: the router checks a command's words against its spec, and one did-you-mean phrase says what was meant.</summary>
public sealed class CommandUsageTests
{
    private static readonly CommandSpec Release = new(
        "release",
        "Release decision",
        [
            new CommandOption("service", "The service", OptionKind.Service, Required: true, Positional: true),
            new CommandOption("version", "The version", Required: true, Positional: true) { CheckedByCommand = true },
            new CommandOption("lines", "Lines changed", OptionKind.Integer) { Min = 0, Max = 100_000_000, Aliases = ["lines_changed"] },
            new CommandOption("critical-path", "Touches a critical path", OptionKind.Boolean) { Aliases = ["touches_critical_path"] },
            new CommandOption("coverage", "Test coverage in percent", OptionKind.Number) { Min = 0, Max = 100 },
            new CommandOption("format", "markdown, html or json", Choices: ["markdown", "html", "json"]) { Synonyms = new Dictionary<string, string> { ["md"] = "markdown" } },
        ],
        ["/slo release payment v1.5.0 lines=1200 critical-path", "/slo release search v2 coverage=72"]);

    private static readonly CommandSpec Status = new("status", "Every service", [], ["/slo status"]);

    private static readonly CommandSpec Override = new(
        "override",
        "Overrides a decision",
        [
            new CommandOption("decision", "The decision id", Required: true, Positional: true),
            new CommandOption("reason", "Why", Required: true, Positional: true) { Rest = true, CheckedByCommand = true },
        ],
        ["/slo override R-1 hotfix"]);

    private static readonly CommandSpec Journey = new(
        "journey",
        "A journey",
        [
            new CommandOption("category", "The category", Required: true, Positional: true, Choices: ["ecommerce", "saas", "data_pipeline"]),
            new CommandOption("name", "The journey", Required: true, Positional: true),
            new CommandOption("step", "The step", OptionKind.Integer) { Prefix = true },
        ],
        ["/slo journey ecommerce checkout step.5.latency=1500"]);

    private static readonly Dictionary<string, CommandSpec> Specs = new()
    {
        ["release"] = Release, ["status"] = Status, ["override"] = Override, ["journey"] = Journey,
    };

    [Theory]
    [InlineData("release", "payment v1.5.0 lines=1200 critical-path coverage=72")]
    [InlineData("release", "payment")] // the version is the command's to ask for
    [InlineData("release", "payment v1 lines_changed=1,200 touches_critical_path=no coverage=72%")]
    [InlineData("release", "payment v1 lines=0 coverage=0 coverage=100 format=MD")]
    [InlineData("release", "service=payment v1")]
    [InlineData("status", "")]
    [InlineData("override", "R-1")]
    [InlineData("override", "R-1 hotfix for x=y, canary at 5 %")]
    [InlineData("journey", "e-commerce checkout step.5.latency=1500 step=2")]
    [InlineData("journey", "DataPipeline batch")]
    public void Check_GoodWords_NoProblem(string spec, string text)
    {
        var (_, error) = CommandUsage.Check(Specs[spec], CommandArgs.Tokenize(text));
        Assert.Null(error?.PlainText());
    }

    [Theory]
    [InlineData("release", "", "Which service?")]
    [InlineData("release", "payment v1 line=5", "Unknown option `line` — did you mean `lines`?")]
    [InlineData("release", "payment v1 lines_chnged=5", "Unknown option `lines_chnged` — did you mean `lines`?")]
    [InlineData("release", "payment v1 colour=red", "Unknown option `colour`.")]
    [InlineData("release", "payment v1 criticalpath", "Unexpected `criticalpath` — did you mean `critical-path`?")]
    [InlineData("release", "payment v1 now please", "Unexpected `now please`.")]
    [InlineData("release", "payment v1 lines=-5", "`lines=-5`: expected a whole number from 0 to 100,000,000.")]
    [InlineData("release", "payment v1 lines=100000001", "`lines=100000001`: expected a whole number from 0 to 100,000,000.")]
    [InlineData("release", "payment v1 lines=99999999999999999999999", "`lines=99999999999999999999999`: expected a whole number")]
    [InlineData("release", "payment v1 lines=1e3", "`lines=1e3`: expected a whole number")]
    [InlineData("release", "payment v1 lines=", "`lines=`: expected a whole number")]
    [InlineData("release", "payment v1 coverage=1e308", "`coverage=1e308`: expected a number from 0 to 100.")]
    [InlineData("release", "payment v1 coverage=NaN", "`coverage=NaN`: expected a number from 0 to 100.")]
    [InlineData("release", "payment v1 coverage=Infinity", "`coverage=Infinity`: expected a number from 0 to 100.")]
    [InlineData("release", "payment v1 coverage=-0.5", "`coverage=-0.5`: expected a number from 0 to 100.")]
    [InlineData("release", "payment v1 critical-path=maybe", "`critical-path=maybe`: expected `critical-path` alone, or `critical-path=true` / `critical-path=false`.")]
    [InlineData("release", "payment v1 format=htm1", "`format=htm1` is not a choice for `format` — did you mean `format=html`? Choose one of `markdown`, `html`, `json`.")]
    [InlineData("status", "now", "`/slo status` takes nothing after its name, not `now`.")]
    [InlineData("status", "verbose=yes", "Unknown option `verbose`: `/slo status` takes no options.")]
    [InlineData("override", "", "Which decision?")]
    [InlineData("journey", "ecomerce checkout", "`ecomerce` is not a choice for `category` — did you mean `ecommerce`?")]
    [InlineData("journey", "ecommerce", "Which name?")]
    [InlineData("journey", "ecommerce checkout stp.5.latency=1", "Unknown option `stp.5.latency`")]
    [InlineData("journey", "ecommerce checkout step=two", "`step=two`: expected a whole number.")]
    public void Check_BadWords_ExitTwoNamingTheProblemWithUsageAndExample(string spec, string text, string expected)
    {
        var (_, error) = CommandUsage.Check(Specs[spec], CommandArgs.Tokenize(text));

        Assert.NotNull(error);
        Assert.Equal(ExitCodes.BadCommand, error.ExitCode);
        Assert.True(error.Ephemeral);
        Assert.Contains(expected, error.PlainText(), StringComparison.Ordinal);
        Assert.Contains($"Usage: `{Specs[spec].Usage}`, for example `/slo {spec}", error.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SeveralProblems_AllListedOnceWithOneUsageLine()
    {
        var (_, error) = CommandUsage.Check(Release, CommandArgs.Tokenize("payment v1 lines=-1 coverage=200 colour=red"));

        var text = error!.PlainText();
        Assert.Contains("• `lines=-1`", text, StringComparison.Ordinal);
        Assert.Contains("• `coverage=200`", text, StringComparison.Ordinal);
        Assert.Contains("• Unknown option `colour`", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split("Usage:").Length);
        Assert.Contains("for example `/slo release payment v1.5.0 lines=1200 critical-path`", text, StringComparison.Ordinal); // shows lines=
    }

    [Fact]
    public void Check_ExampleShowsTheOptionAtFault()
    {
        var (_, error) = CommandUsage.Check(Release, CommandArgs.Tokenize("payment v1 coverage=abc"));
        Assert.Contains("for example `/slo release search v2 coverage=72`", error!.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_GoodWords_TypedValuesByTheSpecsNames()
    {
        var (args, _) = CommandUsage.Check(Release, CommandArgs.Tokenize("payment v1 lines_changed=1,200 touches_critical_path coverage=72.5% format=md"));

        Assert.Equal("payment", args.Text("service"));
        Assert.Equal("v1", args.Text("version"));
        Assert.Equal(1200, args.Integer("lines"));
        Assert.True(args.Flag("critical-path"));
        Assert.Equal(72.5, args.Number("coverage"));
        Assert.Equal("markdown", args.Text("format"));
        Assert.Equal(["payment", "v1"], args.Positional.Take(2));
    }

    [Fact]
    public void Check_FlagSetFalse_IsGivenButNotOn()
    {
        var (args, _) = CommandUsage.Check(Release, CommandArgs.Tokenize("payment v1 critical-path=off"));
        Assert.True(args.Has("critical-path"));
        Assert.False(args.Flag("critical-path"));
    }

    [Theory]
    [InlineData("R-1 hotfix for x=y, canary at 5 %", "hotfix for x=y, canary at 5 %")]
    [InlineData("R-1 reason=\"hotfix now\"", "hotfix now")]
    [InlineData("R-1", null)]
    public void Check_RestOption_TakesTheRestOfTheText(string text, string? reason)
    {
        var (args, _) = CommandUsage.Check(Override, CommandArgs.Tokenize(text));
        Assert.Equal("R-1", args.Text("decision"));
        Assert.Equal(reason, args.Text("reason"));
    }

    [Fact]
    public void Check_PrefixedKeys_LeftToTheCommand()
    {
        var (args, _) = CommandUsage.Check(Journey, CommandArgs.Tokenize("data-pipeline etl step.2.latency=400"));
        Assert.Equal("data_pipeline", args.Text("category"));
        Assert.Equal("400", args.Named["step.2.latency"]);
    }
}
