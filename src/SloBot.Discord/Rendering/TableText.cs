using System.Text;
using SloBot.Chat.Replies;

namespace SloBot.Discord.Rendering;

/// <summary>A <see cref="TableBlock"/> as an aligned monospace code block (Discord has no tables).</summary>
internal static class TableText
{
    private const int MaxCell = 40;

    public static string Render(TableBlock table, int maxLength)
    {
        var rows = table.Rows.Select(r => r.Select(Cell).ToArray()).ToArray();
        var columns = table.Columns.Select(Cell).ToArray();
        var widths = columns.Select((c, i) => Math.Max(c.Length, rows.Select(r => i < r.Length ? r[i].Length : 0).DefaultIfEmpty(0).Max())).ToArray();
        var lines = new List<string> { Line(columns, widths), string.Join("  ", widths.Select(w => new string('-', w))) };
        var body = new StringBuilder();
        var shown = 0;
        foreach (var row in rows)
        {
            var line = Line(row, widths);
            var omitted = rows.Length - shown - 1;
            var tail = omitted > 0 ? $"\n… and {omitted} more rows" : "";
            if (Frame(lines.Append(line)).Length + tail.Length > maxLength)
                break;
            lines.Add(line);
            shown++;
        }

        if (shown < rows.Length)
            lines.Add($"… and {rows.Length - shown} more rows");
        return Frame(lines);
    }

    private static string Frame(IEnumerable<string> lines) => "```\n" + string.Join("\n", lines) + "\n```";

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", widths.Select((w, i) => (i < cells.Length ? cells[i] : "").PadRight(w))).TrimEnd();

    private static string Cell(string text)
    {
        var flat = text.Replace("\n", " ", StringComparison.Ordinal).Replace("```", "'''", StringComparison.Ordinal);
        return flat.Length <= MaxCell ? flat : flat[..(MaxCell - 1)] + "…";
    }
}
