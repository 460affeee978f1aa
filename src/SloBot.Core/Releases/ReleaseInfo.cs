namespace SloBot.Core.Releases;

/// <summary>
/// What a release changes, as the document's <c>release_info</c> describes it. Absent values take the document's
/// defaults: 0 lines, no critical path, no migration, no external APIs, 100 % test coverage.
/// </summary>
/// <param name="LinesChanged">Lines added plus removed; 0 or more.</param>
/// <param name="TestCoverage">Test coverage in percent, 0–100.</param>
public sealed record ReleaseInfo(
    int LinesChanged = 0,
    bool TouchesCriticalPath = false,
    bool HasDbMigration = false,
    bool ChangesExternalApis = false,
    double TestCoverage = 100);
