using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Conversations;
using Xunit;

namespace SloBot.Chat.Tests.Conversations;

/// <summary>
/// The diagrams in docs/ are generated from the machines. When a flow changes, regenerate them with
/// <c>SLOBOT_UPDATE_DIAGRAMS=1 dotnet test tests/SloBot.Chat.Tests --filter FlowDiagramTests</c> and commit.
/// </summary>
public class FlowDiagramTests
{
    [Theory]
    [InlineData("retro", "conversations-retro.md", "Incident retrospective")]
    [InlineData("review", "conversations-review.md", "Weekly SLO review")]
    [InlineData("plan", "conversations-plan.md", "Quarterly SLO plan")]
    public void CommittedDiagram_MatchesTheMachine(string kind, string file, string title)
    {
        using var host = new ConversationHost(s => SloBot.Chat.Planning.PlanningServiceCollectionExtensions.AddPlanning(s));
        var flow = host.Services.GetServices<ConversationFlow>().Single(f => f.Kind == kind);
        var expected = $"# {title}: state machine\n\nGenerated from `{flow.GetType().Name}` (flow version {flow.Version}) by `FlowDiagramTests`; do not edit by hand.\n\n```mermaid\n{FlowMachine.Diagram(flow).TrimEnd()}\n```\n";
        var path = Path.Combine(RepoRoot(), "docs", file);
        if (Environment.GetEnvironmentVariable("SLOBOT_UPDATE_DIAGRAMS") == "1")
            File.WriteAllText(path, expected);

        Assert.True(File.Exists(path), $"{path} is missing; run with SLOBOT_UPDATE_DIAGRAMS=1 to generate it.");
        Assert.Equal(expected, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Diagram_ShowsEveryStepAndTheSharedExits()
    {
        using var host = new ConversationHost();
        var diagram = FlowMachine.Diagram(host.Demo);

        foreach (var step in host.Demo.Steps)
            Assert.Contains(step.Name, diagram);
        Assert.Contains("name --> colour : Answer", diagram);
        Assert.Contains("notes --> notes : Answer", diagram);
        Assert.Contains("review --> completed : Publish", diagram);
        Assert.Contains("active --> cancelled : Cancel", diagram);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "docs")) && Directory.Exists(Path.Combine(dir.FullName, "src")))
                return dir.FullName;
        }

        throw new InvalidOperationException("Cannot find the repository root (a folder with docs/ and src/) above " + AppContext.BaseDirectory);
    }
}
