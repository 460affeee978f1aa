using System.Globalization;
using SloBot.Chat.Commands;
using SloBot.Chat.Conversations;
using SloBot.Core.Catalog;
using SloBot.Core.Releases;

namespace SloBot.Chat.Releases;

/// <summary>
/// <c>/slo release &lt;service&gt;</c> alone: the version and the document's five risk questions, asked one at a time in
/// the thread; the answers become the full <c>/slo release …</c> command.
/// </summary>
internal static class ReleaseQuestionnaire
{
    public const string Id = "release";

    private static readonly string[] YesNo = ["yes", "no"];

    private static readonly string[] Flags = ["critical-path", "db-migration", "external-apis"];

    public static Questionnaire Create(ISloCatalog catalog) => new(
        Id,
        "/slo release",
        [
            new Question("service", "Which service are you releasing?", "payment")
            {
                Validate = s => catalog.FindService(s) is null ? $"there is no service '{s}' in the catalog ({string.Join(", ", catalog.Services.Select(x => x.Name))})" : null,
                Normalise = s => catalog.FindService(s)?.Name ?? s,
            },
            new Question("version", "Which version?", "v1.5.0")
            {
                Validate = v => v.Any(char.IsWhiteSpace) || v.Contains('=', StringComparison.Ordinal) || ReleaseArguments.IsFlag(v)
                    ? "a version is one word such as v1.5.0 or 2026.11.23-1"
                    : null,
            },
            new Question("lines", "How many lines does it change (added + removed)?", "1200")
            {
                Optional = true,
                Validate = l => ReleaseArguments.ParseLines(l) is null ? $"expected {ReleaseArguments.Lines.Expected}" : null,
                Normalise = l => ReleaseArguments.ParseLines(l)!.Value.ToString(CultureInfo.InvariantCulture),
            },
            new Question("critical-path", "Does it touch a critical path?", "no") { Choices = YesNo, ChoicesOnly = true },
            new Question("db-migration", "Does it include a database migration?", "yes") { Choices = YesNo, ChoicesOnly = true },
            new Question("external-apis", "Does it change external APIs?", "no") { Choices = YesNo, ChoicesOnly = true },
            new Question("coverage", $"What is its test coverage, in percent? (below {ReleaseRisk.CoverageFloor} % adds risk)", "85")
            {
                Optional = true,
                Validate = c => ReleaseArguments.ParseCoverage(c) is null ? $"expected {ReleaseArguments.Coverage.Expected}" : null,
                Normalise = c => ReleaseArguments.ParseCoverage(c)!.Value.ToString(CultureInfo.InvariantCulture),
            },
        ],
        BuildCommand);

    /// <summary>"release payment v1.5.0 lines=1200 critical-path=no db-migration=yes external-apis=no coverage=72".</summary>
    public static string BuildCommand(IReadOnlyDictionary<string, string> a) =>
        string.Join(' ', new[]
        {
            "release", a["service"], a["version"],
            a.TryGetValue("lines", out var lines) ? $"lines={lines}" : null,
            $"critical-path={a["critical-path"]}", $"db-migration={a["db-migration"]}", $"external-apis={a["external-apis"]}",
            a.TryGetValue("coverage", out var coverage) ? $"coverage={coverage}" : null,
        }.Where(w => w is not null));

    /// <summary>What the command already said (the router's parsed values), in the questionnaire's stored forms.</summary>
    public static Dictionary<string, string> Known(string service, CommandArgs args)
    {
        var known = new Dictionary<string, string>(StringComparer.Ordinal) { ["service"] = service };
        if (args.Integer(ReleaseArguments.Lines.Name) is { } lines)
            known["lines"] = lines.ToString(CultureInfo.InvariantCulture);
        if (args.Number(ReleaseArguments.Coverage.Name) is { } coverage)
            known["coverage"] = coverage.ToString(CultureInfo.InvariantCulture);
        foreach (var flag in Flags.Where(args.Has))
            known[flag] = args.Flag(flag) ? "yes" : "no";
        return known;
    }
}
