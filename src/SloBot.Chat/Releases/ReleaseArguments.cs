using SloBot.Chat.Commands;
using SloBot.Core.Releases;

namespace SloBot.Chat.Releases;

/// <summary>
/// The options of <c>/slo release</c> (the document's <c>release_info</c> flags, its keys as aliases) and what the
/// router parsed from them. The router checks every word against <see cref="Spec"/> before the command runs, so the
/// values read here are already valid.
/// </summary>
internal static class ReleaseArguments
{
    public const int MaxLines = 100_000_000;

    /// <summary>The word that makes a release question a what-if: evaluated, not recorded.</summary>
    public const string DryRun = "dry-run";

    public static readonly CommandOption Lines =
        new("lines", "Lines changed (0 or more)", OptionKind.Integer) { Min = 0, Max = MaxLines, Aliases = ["lines_changed"] };

    public static readonly CommandOption Coverage =
        new("coverage", "Test coverage in percent (0–100, default 100)", OptionKind.Number) { Min = 0, Max = 100, Aliases = ["test_coverage"] };

    public static CommandSpec Spec { get; } = new(
        "release",
        "Release decision from the error budget: approve, review, defer or block, with conditions",
        [
            new CommandOption("service", "The service", OptionKind.Service, Required: true, Positional: true),
            new CommandOption("version", "The version to release, e.g. v1.5.0", Required: true, Positional: true) { CheckedByCommand = true },
            Lines,
            new CommandOption("critical-path", "Touches a critical path", OptionKind.Boolean) { Aliases = ["touches_critical_path"] },
            new CommandOption("db-migration", "Has a database migration", OptionKind.Boolean) { Aliases = ["has_db_migration"] },
            new CommandOption("external-apis", "Changes external APIs", OptionKind.Boolean) { Aliases = ["changes_external_apis"] },
            Coverage,
            new CommandOption(DryRun, "Evaluate without recording the decision (what-if)", OptionKind.Boolean),
        ],
        ["/slo release payment v1.5.0 lines=1200 db-migration coverage=72", "/slo release search v2.3.0 lines=80"]);

    /// <summary>A word that names one of the flags (<c>lines=…</c>, <c>db-migration</c>, <c>has_db_migration</c>), not a version.</summary>
    public static bool IsFlag(string word) => CommandUsage.Find(Spec, word.Split('=')[0]) is { Positional: false };

    /// <summary>The release as the document's <c>release_info</c>, defaults for what was not given.</summary>
    public static ReleaseInfo Info(CommandArgs args) => new(
        args.Integer(Lines.Name) ?? 0,
        args.Flag("critical-path"),
        args.Flag("db-migration"),
        args.Flag("external-apis"),
        args.Number(Coverage.Name) ?? 100);

    /// <summary>A questionnaire answer for <see cref="Lines"/>, read as the command would read <c>lines=…</c>.</summary>
    public static int? ParseLines(string text) => OptionValue.Parse(Lines, text, text).Value as int?;

    /// <summary>A questionnaire answer for <see cref="Coverage"/>, read as the command would read <c>coverage=…</c>.</summary>
    public static double? ParseCoverage(string text) => OptionValue.Parse(Coverage, text, text).Value as double?;
}
