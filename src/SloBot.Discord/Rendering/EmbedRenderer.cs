using System.Text.Json.Nodes;
using SloBot.Chat.Replies;

namespace SloBot.Discord.Rendering;

/// <summary>
/// Renders a <see cref="Reply"/> as Discord messages: plain replies as content, rich ones as embeds (header →
/// title, text → description, fields → inline fields, tables → code blocks, images → attached files shown in
/// the embed, context → footer) and buttons as action rows. Past Discord's limits the reply is split into
/// more embeds and messages; what cannot be split (a field value, a title) is truncated with "…".
/// </summary>
internal sealed class EmbedRenderer(ButtonIds buttonIds)
{
    private static readonly JsonObject AllowedMentions = new() { ["parse"] = new JsonArray("users") };

    /// <summary>
    /// Renders <paramref name="reply"/> and saves its buttons' long values (<see cref="ButtonIds.SaveAsync"/>) before
    /// returning, so the messages may be sent: a click on them resolves after a restart or on another replica.
    /// </summary>
    public async Task<IReadOnlyList<DiscordMessage>> RenderAsync(Reply reply, CancellationToken cancellationToken)
    {
        var messages = Render(reply);
        await buttonIds.SaveAsync(reply.Buttons.Select(b => (b.ActionId, b.Value)), cancellationToken).ConfigureAwait(false);
        return messages;
    }

    /// <summary>The messages of <paramref name="reply"/>; what sends them uses <see cref="RenderAsync"/>, which also saves long button values.</summary>
    public IReadOnlyList<DiscordMessage> Render(Reply reply)
    {
        var messages = IsPlain(reply) ? RenderContent(reply) : RenderEmbeds(reply);
        if (Components(reply) is { } components)
            messages[^1].Payload["components"] = components;
        return messages;
    }

    private static bool IsPlain(Reply reply) =>
        reply.Header is null && reply.Context is null && reply.Attachments.Count == 0 && reply.Blocks.All(b => b is TextBlock);

    private static List<DiscordMessage> RenderContent(Reply reply)
    {
        var text = string.Join("\n\n", reply.Blocks.OfType<TextBlock>().Select(b => b.Text));
        if (text.Length == 0)
            text = reply.Summary ?? "Done.";
        return EmbedLimits.Split(text, EmbedLimits.Content)
            .Select(part => new DiscordMessage(new JsonObject { ["content"] = part, ["allowed_mentions"] = AllowedMentions.DeepClone() }, []))
            .ToList();
    }

    private static List<DiscordMessage> RenderEmbeds(Reply reply)
    {
        var embeds = new EmbedList(reply.Header);
        var attached = reply.Attachments.Select(a => a.FileName).ToHashSet(StringComparer.Ordinal);
        foreach (var block in reply.Blocks)
        {
            switch (block)
            {
                case TextBlock t:
                    embeds.AddText(t.Text);
                    break;
                case FieldsBlock f:
                    foreach (var field in f.Fields)
                        embeds.AddField(field.Label, field.Value);
                    break;
                case TableBlock table:
                    embeds.AddText(TableText.Render(table, EmbedLimits.Description));
                    break;
                case ImageBlock image when attached.Contains(image.AttachmentName):
                    embeds.AddImage(image.AttachmentName);
                    break;
                case ImageBlock image:
                    embeds.AddText($"_{image.AltText}_");
                    break;
                case DividerBlock:
                    embeds.Break();
                    break;
            }
        }

        if (reply.Context is { } context)
            embeds.Footer(context);
        return Pack(embeds.Build(), reply.Attachments);
    }

    /// <summary>At most 10 embeds and 6000 characters per message; each file goes with the message showing it.</summary>
    private static List<DiscordMessage> Pack(IReadOnlyList<(JsonObject Embed, int Size, string? Image)> embeds, IReadOnlyList<ReplyAttachment> files)
    {
        var groups = new List<List<(JsonObject Embed, int Size, string? Image)>> { new() };
        var size = 0;
        foreach (var e in embeds)
        {
            if (groups[^1].Count > 0 && (groups[^1].Count == EmbedLimits.EmbedsPerMessage || size + e.Size > EmbedLimits.TotalPerMessage))
            {
                groups.Add([]);
                size = 0;
            }

            groups[^1].Add(e);
            size += e.Size;
        }

        var shown = embeds.Select(e => e.Image).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var messages = new List<DiscordMessage>();
        for (var i = 0; i < groups.Count; i++)
        {
            var images = groups[i].Select(e => e.Image).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var last = i == groups.Count - 1;
            var mine = files.Where(f => images.Contains(f.FileName) || (last && !shown.Contains(f.FileName))).ToArray();
            var payload = new JsonObject
            {
                ["embeds"] = new JsonArray(groups[i].Select(e => (JsonNode)e.Embed).ToArray()),
                ["allowed_mentions"] = AllowedMentions.DeepClone(),
            };
            if (mine.Length > 0)
                payload["attachments"] = new JsonArray(mine.Select((f, n) => (JsonNode)new JsonObject { ["id"] = n, ["filename"] = f.FileName }).ToArray());
            messages.Add(new DiscordMessage(payload, mine));
        }

        return messages;
    }

    private JsonArray? Components(Reply reply)
    {
        if (reply.Buttons.Count == 0)
            return null;
        var rows = reply.Buttons
            .Take(EmbedLimits.Rows * EmbedLimits.ButtonsPerRow)
            .Select((b, i) => (Button: b, Row: i / EmbedLimits.ButtonsPerRow))
            .GroupBy(x => x.Row)
            .Select(g => (JsonNode)new JsonObject
            {
                ["type"] = 1,
                ["components"] = new JsonArray(g.Select(x => (JsonNode)Button(x.Button)).ToArray()),
            });
        return new JsonArray(rows.ToArray());
    }

    private JsonObject Button(ReplyButton button) => new()
    {
        ["type"] = 2,
        ["style"] = button.Style switch { ButtonStyle.Primary => 1, ButtonStyle.Danger => 4, _ => 2 },
        ["label"] = EmbedLimits.Truncate(button.Label, EmbedLimits.ButtonLabel),
        ["custom_id"] = buttonIds.Encode(button.ActionId, button.Value),
    };
}
