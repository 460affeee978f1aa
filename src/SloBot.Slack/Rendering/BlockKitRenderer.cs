using System.Text.Json.Nodes;
using SloBot.Chat.Replies;
using L = SloBot.Slack.Rendering.BlockKitLimits;

namespace SloBot.Slack.Rendering;

/// <summary>
/// Renders the neutral <see cref="Reply"/> as Block Kit within Slack's limits: long text is split over several sections,
/// more than 50 blocks or 40,000 characters over several messages, and what does not fit in
/// <see cref="BlockKitLimits.MessagesPerReply"/> messages is cut with a visible note.
/// </summary>
internal static class BlockKitRenderer
{
    /// <param name="imageFileIds">Slack file ids of uploaded attachments, by attachment file name, for image blocks.</param>
    public static IReadOnlyList<SlackMessage> Render(Reply reply, IReadOnlyDictionary<string, string>? imageFileIds = null)
    {
        var body = new List<JsonObject>();
        if (!string.IsNullOrWhiteSpace(reply.Header))
            body.Add(BlockKitBlocks.Header(reply.Header));
        foreach (var block in reply.Blocks)
            body.AddRange(BlockKitBlocks.For(block, imageFileIds));
        var tail = new List<JsonObject>(BlockKitBlocks.Actions(reply.Buttons));
        if (!string.IsNullOrWhiteSpace(reply.Context))
            tail.Add(BlockKitBlocks.Context(reply.Context));
        if (body.Count == 0 && tail.Count == 0)
            body.Add(BlockKitBlocks.Section(SlackMarkdown.ToMrkdwn(reply.Summary ?? "(empty reply)")));

        var messages = Pack(body, tail);
        var fallback = SlackMarkdown.Truncate(SlackMarkdown.ToMrkdwn(Fallback(reply)), L.FallbackText);
        return messages
            .Select((blocks, i) => new SlackMessage(
                messages.Count == 1 || i == 0 ? fallback : SlackMarkdown.Truncate($"(part {i + 1} of {messages.Count}) {fallback}", L.FallbackText),
                new JsonArray(blocks.Select(b => (JsonNode)b).ToArray())))
            .ToArray();
    }

    /// <summary>The notification line: the reply's summary, else its header, else its first text.</summary>
    private static string Fallback(Reply reply) =>
        reply.Summary ?? reply.Header ?? reply.Blocks.OfType<TextBlock>().FirstOrDefault()?.Text ?? reply.PlainText();

    private static List<List<JsonObject>> Pack(List<JsonObject> body, List<JsonObject> tail)
    {
        var messages = new List<List<JsonObject>> { new() };
        foreach (var block in body)
        {
            if (!Fits(messages[^1], [block]))
                messages.Add([]);
            messages[^1].Add(block);
        }

        var tooMany = messages.Count > L.MessagesPerReply || (messages.Count == L.MessagesPerReply && !Fits(messages[^1], tail));
        if (!tooMany)
        {
            if (Fits(messages[^1], tail))
                messages[^1].AddRange(tail);
            else
                messages.Add(tail);
            return messages;
        }

        var omitted = messages.Skip(L.MessagesPerReply).Sum(m => m.Count);
        messages.RemoveRange(L.MessagesPerReply, messages.Count - L.MessagesPerReply);
        var last = messages[^1];
        while (last.Count > 0 && !Fits(last, [Note(omitted + 1), .. tail]))
        {
            last.RemoveAt(last.Count - 1);
            omitted++;
        }

        last.Add(Note(omitted));
        last.AddRange(tail);
        return messages;
    }

    private static bool Fits(List<JsonObject> message, List<JsonObject> more) =>
        message.Count + more.Count <= L.BlocksPerMessage
        && message.Sum(Cost) + more.Sum(Cost) <= L.MessageChars;

    private static int Cost(JsonObject block) => block.ToJsonString().Length;

    private static JsonObject Note(int omitted) => BlockKitBlocks.Section(
        $":scissors: _{omitted} more block{(omitted == 1 ? "" : "s")} cut: this answer is longer than Slack shows at once. " +
        "Ask for less (one service or one SLO), or use `slobot ask --json` for everything._");
}
