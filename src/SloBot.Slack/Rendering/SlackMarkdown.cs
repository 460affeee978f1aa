using System.Text;
using System.Text.RegularExpressions;

namespace SloBot.Slack.Rendering;

/// <summary>
/// The Reply markdown subset in Slack's mrkdwn: <c>**bold**</c> becomes <c>*bold*</c>; <c>_italic_</c> and <c>`code`</c>
/// are the same; &amp;, &lt; and &gt; are escaped except in user and channel mentions (<c>&lt;@U123&gt;</c>, <c>&lt;#C1&gt;</c>).
/// Broadcast mentions (<c>&lt;!channel&gt;</c>, <c>&lt;!here&gt;</c>, <c>&lt;!everyone&gt;</c>, <c>&lt;!subteam^S1&gt;</c>) are escaped
/// too, so they show as typed and ping nobody: SloBot never sends one on purpose, and every string passes here (issue 13, item 8).
/// Plain <c>@channel</c> stays text because SloBot never asks Slack to <c>link_names</c> or <c>parse</c>.
/// </summary>
internal static partial class SlackMarkdown
{
    public static string ToMrkdwn(string text)
    {
        var escaped = Escape(text);
        return Bold().Replace(escaped, "*$1*");
    }

    /// <summary>Escapes &amp; &lt; &gt; but keeps user and channel mentions intact; broadcast mentions are escaped.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        var last = 0;
        foreach (Match m in SlackToken().Matches(text))
        {
            AppendEscaped(sb, text.AsSpan(last, m.Index - last));
            sb.Append(m.Value);
            last = m.Index + m.Length;
        }

        AppendEscaped(sb, text.AsSpan(last));
        return sb.ToString();
    }

    /// <summary>
    /// Text for plain_text objects (header, button): markdown markers dropped, and a word joiner after the <c>&lt;</c> of
    /// a broadcast mention (<c>&lt;!channel&gt;</c>) so it can never become one; it looks the same.
    /// </summary>
    public static string ToPlain(string text) =>
        Bold().Replace(text, "$1").Replace("`", "", StringComparison.Ordinal).Replace("<!", "<\u2060!", StringComparison.Ordinal);

    /// <summary>Cuts to <paramref name="max"/> characters, ending with "…" when anything was cut.</summary>
    public static string Truncate(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    private static void AppendEscaped(StringBuilder sb, ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            _ = c switch
            {
                '&' => sb.Append("&amp;"),
                '<' => sb.Append("&lt;"),
                '>' => sb.Append("&gt;"),
                _ => sb.Append(c),
            };
        }
    }

    [GeneratedRegex(@"\*\*(.+?)\*\*", RegexOptions.Singleline)]
    private static partial Regex Bold();

    [GeneratedRegex(@"<(?:@[UW][A-Z0-9]+|#C[A-Z0-9]+)(?:\|[^<>]*)?>")]
    private static partial Regex SlackToken();
}
