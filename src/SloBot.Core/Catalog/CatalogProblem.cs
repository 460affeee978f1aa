namespace SloBot.Core.Catalog;

/// <summary>How much a catalog finding matters (docs/catalog.md, "Problems and notes").</summary>
public enum CatalogSeverity
{
    /// <summary>A file, document or SLO was refused: it is not in the catalog.</summary>
    Error,

    /// <summary>Loaded, but something written in it is not used as written (a likely typo, a second window).</summary>
    Warning,

    /// <summary>Loaded; a part SloBot ignores on purpose or a default it applied (alerting, a default window).</summary>
    Note,
}

/// <summary>Something about one catalog file (or one document or SLO in it): where, which field, what, and what to do.</summary>
public sealed record CatalogProblem(string File, int? Line, string Field, string Message, string? Hint = null, CatalogSeverity Severity = CatalogSeverity.Error)
{
    /// <summary>"file:line" (or just the file when the line is unknown).</summary>
    public string Where => Line is { } line ? $"{File}:{line}" : File;

    public override string ToString() => $"{Where}: {Field}: {Message}" + (Hint is null ? "" : $" ({Hint})");
}
