using System.Text.RegularExpressions;

namespace SloBot.Storage.Documents;

/// <summary>
/// Where one kind of published document lives: a table with <c>id</c>, the title column, optionally a start column,
/// <c>published_at</c> and <c>document</c> (the JSON). Declared by the kind's storage registration next to the
/// migration that creates the table (<see cref="Schema"/> writes that table for new kinds).
/// </summary>
public sealed partial record DocumentTable
{
    public DocumentTable(string kind, string table, string titleColumn, string? startColumn = null)
    {
        foreach (var name in new[] { table, titleColumn, startColumn ?? "id" })
        {
            if (!Identifier().IsMatch(name))
                throw new ArgumentException($"`{name}` is not a plain SQL identifier (lower case, digits, underscores).", nameof(table));
        }

        (Kind, Table, TitleColumn, StartColumn) = (kind, table, titleColumn, startColumn);
    }

    public string Kind { get; }

    public string Table { get; }

    public string TitleColumn { get; }

    /// <summary>Null: lists go by <c>published_at</c>.</summary>
    public string? StartColumn { get; }

    /// <summary>The table a new kind's first migration creates.</summary>
    public string Schema => $"""
        CREATE TABLE {Table} (
            id TEXT PRIMARY KEY,
            {TitleColumn} TEXT NOT NULL,{(StartColumn is null ? "" : $"\n    {StartColumn} TEXT NOT NULL,")}
            published_at TEXT NOT NULL,
            document TEXT NOT NULL
        );
        CREATE INDEX ix_{Table}_{TitleColumn} ON {Table} ({TitleColumn});
        """;

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex Identifier();
}
