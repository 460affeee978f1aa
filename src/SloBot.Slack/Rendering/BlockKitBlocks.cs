using System.Text;
using System.Text.Json.Nodes;
using SloBot.Chat.Replies;
using L = SloBot.Slack.Rendering.BlockKitLimits;

namespace SloBot.Slack.Rendering;

/// <summary>One Reply block as Block Kit blocks, each within its own limits.</summary>
internal static class BlockKitBlocks
{
    public static IEnumerable<JsonObject> For(ReplyBlock block, IReadOnlyDictionary<string, string>? imageFileIds) => block switch
    {
        TextBlock t => SplitText(SlackMarkdown.ToMrkdwn(t.Text), L.SectionText).Select(Section),
        FieldsBlock f => f.Fields.Chunk(L.FieldsPerSection).Select(Fields),
        TableBlock t => Table(t),
        ImageBlock i => [Image(i, imageFileIds)],
        DividerBlock => [new JsonObject { ["type"] = "divider" }],
        _ => [],
    };

    public static JsonObject Header(string text) => new()
    {
        ["type"] = "header",
        ["text"] = PlainText(SlackMarkdown.Truncate(SlackMarkdown.ToPlain(text), L.HeaderText)),
    };

    public static JsonObject Section(string mrkdwn) => new()
    {
        ["type"] = "section",
        ["text"] = Mrkdwn(SlackMarkdown.Truncate(mrkdwn, L.SectionText)),
    };

    public static JsonObject Context(string text) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray(Mrkdwn(SlackMarkdown.Truncate(SlackMarkdown.ToMrkdwn(text), L.ContextText))),
    };

    /// <summary>Buttons in actions blocks of at most 25; a repeated action id starts a new block (ids are unique per block).</summary>
    public static IEnumerable<JsonObject> Actions(IReadOnlyList<ReplyButton> buttons)
    {
        var current = new JsonArray();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var button in buttons)
        {
            if (current.Count == L.ElementsPerActions || !ids.Add(button.ActionId))
            {
                yield return new JsonObject { ["type"] = "actions", ["elements"] = current };
                current = [];
                ids = [button.ActionId];
            }

            current.Add(Button(button));
        }

        if (current.Count > 0)
            yield return new JsonObject { ["type"] = "actions", ["elements"] = current };
    }

    private static JsonObject Button(ReplyButton b)
    {
        var button = new JsonObject
        {
            ["type"] = "button",
            ["text"] = PlainText(SlackMarkdown.Truncate(SlackMarkdown.ToPlain(b.Label), L.ButtonText)),
            ["action_id"] = b.ActionId,
        };
        if (b.Value is not null)
            button["value"] = SlackMarkdown.Truncate(b.Value, L.ButtonValue);
        if (b.Style != ButtonStyle.Default)
            button["style"] = b.Style == ButtonStyle.Primary ? "primary" : "danger";
        return button;
    }

    private static JsonObject Fields(ReplyField[] fields) => new()
    {
        ["type"] = "section",
        ["fields"] = new JsonArray(fields
            .Select(f => (JsonNode)Mrkdwn(SlackMarkdown.Truncate($"*{SlackMarkdown.Escape(SlackMarkdown.ToPlain(f.Label))}*\n{SlackMarkdown.ToMrkdwn(f.Value)}", L.FieldText)))
            .ToArray()),
    };

    /// <summary>Slack has no table block: aligned columns in code blocks, split by rows to stay within a section.</summary>
    private static IEnumerable<JsonObject> Table(TableBlock table)
    {
        var sb = new StringBuilder();
        PlainTextRenderer.AppendTable(sb, table);
        var lines = sb.ToString().TrimEnd().Split('\n').Select(l => SlackMarkdown.Truncate(SlackMarkdown.Escape(l), L.SectionText - 10));
        const int fence = 8; // "```\n" + "\n```"
        return SplitLines(lines, L.SectionText - fence).Select(chunk => Section("```\n" + chunk + "\n```"));
    }

    private static JsonObject Image(ImageBlock image, IReadOnlyDictionary<string, string>? fileIds)
    {
        var alt = SlackMarkdown.Truncate(image.AltText, L.AltText);
        if (fileIds is not null && fileIds.TryGetValue(image.AttachmentName, out var fileId))
        {
            return new JsonObject
            {
                ["type"] = "image",
                ["slack_file"] = new JsonObject { ["id"] = fileId },
                ["alt_text"] = alt,
            };
        }

        return new JsonObject
        {
            ["type"] = "context",
            ["elements"] = new JsonArray(Mrkdwn($":frame_with_picture: {SlackMarkdown.Escape(alt)} ({SlackMarkdown.Escape(image.AttachmentName)}, not shown here)")),
        };
    }

    /// <summary>Splits at line breaks into pieces of at most <paramref name="max"/> characters; overlong lines are cut hard.</summary>
    public static IEnumerable<string> SplitText(string text, int max) => SplitLines(text.Split('\n'), max);

    private static IEnumerable<string> SplitLines(IEnumerable<string> lines, int max)
    {
        var sb = new StringBuilder();
        foreach (var line in lines)
        {
            var rest = line;
            while (rest.Length > max)
            {
                if (sb.Length > 0)
                {
                    yield return sb.ToString();
                    sb.Clear();
                }

                yield return rest[..max];
                rest = rest[max..];
            }

            if (sb.Length > 0 && sb.Length + 1 + rest.Length > max)
            {
                yield return sb.ToString();
                sb.Clear();
            }

            if (sb.Length > 0)
                sb.Append('\n');
            sb.Append(rest);
        }

        if (sb.Length > 0)
            yield return sb.ToString();
    }

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true };

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };
}
