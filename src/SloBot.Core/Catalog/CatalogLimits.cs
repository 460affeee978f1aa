namespace SloBot.Core.Catalog;

/// <summary>
/// Bounds on what one catalog file may be (docs/catalog.md, "Limits"): larger or deeper files are a problem for that
/// file alone, so a hostile or broken file can neither exhaust memory nor overflow the stack.
/// </summary>
public static class CatalogLimits
{
    /// <summary>Largest catalog file read, in bytes (1 MiB; real catalogs are a few KiB per file).</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>Deepest nesting of mappings and lists in one document (OpenSLO needs about 10).</summary>
    public const int MaxDepth = 64;

    /// <summary>Most YAML documents in one file.</summary>
    public const int MaxDocuments = 10_000;
}
