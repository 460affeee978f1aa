namespace SloBot.Core.Catalog;

/// <summary>Why one catalog file (or one document in it) could not be loaded.</summary>
public sealed record CatalogProblem(string File, int? Line, string Field, string Message)
{
    public override string ToString() =>
        Line is { } line ? $"{File}:{line}: {Field}: {Message}" : $"{File}: {Field}: {Message}";
}
