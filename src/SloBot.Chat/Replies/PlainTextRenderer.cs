using System.Text;

namespace SloBot.Chat.Replies;

/// <summary>Renders a <see cref="Reply"/> as terminal text: the console transport and every fallback.</summary>
public static class PlainTextRenderer
{
    public static string Render(Reply reply)
    {
        var sb = new StringBuilder();
        if (reply.Header is { } header)
            sb.AppendLine(header).AppendLine(new string('=', Math.Min(header.Length, 72)));
        foreach (var block in reply.Blocks)
        {
            switch (block)
            {
                case TextBlock t:
                    sb.AppendLine(Unmark(t.Text));
                    break;
                case FieldsBlock f:
                    var width = f.Fields.Count == 0 ? 0 : f.Fields.Max(x => x.Label.Length);
                    foreach (var field in f.Fields)
                        sb.Append("  ").Append(field.Label.PadRight(width)).Append("  ").AppendLine(field.Value);
                    break;
                case TableBlock table:
                    AppendTable(sb, table);
                    break;
                case ImageBlock image:
                    sb.Append("[image: ").Append(image.AltText).Append(" (").Append(image.AttachmentName).AppendLine(")]");
                    break;
                case DividerBlock:
                    sb.AppendLine(new string('-', 40));
                    break;
            }
        }

        if (reply.Buttons.Count > 0)
            sb.AppendLine(string.Join("   ", reply.Buttons.Select(b => $"[{b.Label}]")));
        foreach (var a in reply.Attachments.Where(a => !reply.Blocks.OfType<ImageBlock>().Any(i => i.AttachmentName == a.FileName)))
            sb.Append("[file: ").Append(a.FileName).AppendLine("]");
        if (reply.Context is { } context)
            sb.AppendLine(context);
        return sb.ToString().TrimEnd();
    }

    /// <summary>Drops the bold markers of the markdown subset; the terminal shows the words plainly.</summary>
    public static string Unmark(string text) => text.Replace("**", "", StringComparison.Ordinal);

    /// <summary>Aligned columns; used for plain text and for code blocks on Slack and Discord.</summary>
    public static void AppendTable(StringBuilder sb, TableBlock table)
    {
        var widths = table.Columns.Select((c, i) => Math.Max(c.Length, table.Rows.Select(r => i < r.Count ? r[i].Length : 0).DefaultIfEmpty(0).Max())).ToArray();
        sb.AppendLine(string.Join("  ", table.Columns.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        foreach (var row in table.Rows)
            sb.AppendLine(string.Join("  ", row.Select((c, i) => c.PadRight(i < widths.Length ? widths[i] : 0))).TrimEnd());
    }
}
