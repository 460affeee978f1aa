using System.Globalization;
using SloBot.Chat.Commands;
using SloBot.Core.Releases;
using SloBot.Core.Text;

namespace SloBot.Chat.Releases;

/// <summary>
/// The words after "/slo release &lt;service&gt;": the version, then the flags of the document's <c>release_info</c>.
/// Every problem is reported at once, each with what was expected.
/// </summary>
internal static class ReleaseArguments
{
    public const int MaxLines = 100_000_000;

    /// <summary>Flag names as typed, then the document's own keys as aliases.</summary>
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["lines"] = "lines",
        ["critical-path"] = "critical-path",
        ["db-migration"] = "db-migration",
        ["external-apis"] = "external-apis",
        ["coverage"] = "coverage",
        ["lines_changed"] = "lines",
        ["touches_critical_path"] = "critical-path",
        ["has_db_migration"] = "db-migration",
        ["changes_external_apis"] = "external-apis",
        ["test_coverage"] = "coverage",
    };

    public static readonly string ValidFlags = "`lines=N`, `critical-path`, `db-migration`, `external-apis`, `coverage=N`";

    public static bool IsFlag(string word) => Names.ContainsKey(word.Split('=')[0]);

    /// <summary>The flag a typed name (or document key) stands for, or null.</summary>
    public static string? Canonical(string name) => Names.GetValueOrDefault(name);

    /// <summary>Parses the version and flags (everything after the service); the version may be absent (null).</summary>
    public static (string? Version, ReleaseInfo Info, IReadOnlyList<string> Problems) Parse(CommandArgs args)
    {
        var problems = new List<string>();
        var version = args.Words.Count > 1 && !IsFlag(args.Words[1]) && !args.Words[1].Contains('=', StringComparison.Ordinal) ? args.Words[1] : null;
        var flagWords = args.Words.Skip(version is null ? 1 : 2);
        var info = new ReleaseInfo();
        foreach (var word in flagWords)
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? word : word[..eq];
            var value = eq < 0 ? null : word[(eq + 1)..];
            if (!Names.TryGetValue(name, out var flag))
            {
                var hint = DidYouMean.Suggest(name, Names.Keys) is { } s ? $" — did you mean `{Names[s]}`?" : "";
                problems.Add($"unknown option `{name}`{hint} Valid options: {ValidFlags}.");
                continue;
            }

            switch (flag)
            {
                case "lines":
                    if (ParseLines(value) is { } lines)
                        info = info with { LinesChanged = lines };
                    else
                        problems.Add($"`{word}`: expected the number of lines changed, a whole number from 0 to {MaxLines:N0} (for example `lines=1200`).");
                    break;
                case "coverage":
                    if (ParseCoverage(value) is { } coverage)
                        info = info with { TestCoverage = coverage };
                    else
                        problems.Add($"`{word}`: expected test coverage in percent, a number from 0 to 100 (for example `coverage=72`).");
                    break;
                default:
                    if (ParseBool(value) is not { } on)
                    {
                        problems.Add($"`{word}`: expected `{flag}` alone, or `{flag}=true` / `{flag}=false`.");
                        break;
                    }

                    info = flag switch
                    {
                        "critical-path" => info with { TouchesCriticalPath = on },
                        "db-migration" => info with { HasDbMigration = on },
                        _ => info with { ChangesExternalApis = on },
                    };
                    break;
            }
        }

        return (version, info, problems);
    }

    public static int? ParseLines(string? text)
    {
        var t = text?.Replace(",", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= MaxLines ? n : null;
    }

    public static double? ParseCoverage(string? text)
    {
        var t = text?.TrimEnd('%').Trim();
        return double.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var c) && c is >= 0 and <= 100 ? c : null;
    }

    private static bool? ParseBool(string? text) => text?.ToLowerInvariant() switch
    {
        null or "true" or "yes" or "on" or "1" => true,
        "false" or "no" or "off" or "0" => false,
        _ => null,
    };
}
