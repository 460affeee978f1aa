using SloBot.Chat.Replies;

namespace SloBot.Discord.Tests.Rendering;

/// <summary>Replies shaped like the chat layer's, covering every block kind and every limit the renderer handles.</summary>
internal static class GoldenReplies
{
    public static IReadOnlyDictionary<string, Reply> All { get; } = new Dictionary<string, Reply>
    {
        ["plain"] = Reply.Text("No command `bugdet` — did you mean `/slo budget`? Try `/slo help` for the list of commands."),
        ["budget"] = new Reply
        {
            Header = "Error budget · payment",
            Blocks =
            [
                new TextBlock("🟢 **availability** — 99.9 % over 30 days: **healthy**"),
                new FieldsBlock([new ReplyField("SLI", "99.95 %"), new ReplyField("Budget remaining", "50 % (21 minutes of 43 minutes left)"), new ReplyField("Burn rate", "1h 0.5× · 6h 0.5×")]),
                new DividerBlock(),
                new TextBlock("🟠 **latency** — 99 % over 28 days: **warning**"),
                new FieldsBlock([new ReplyField("SLI", "98.9 %"), new ReplyField("Budget remaining", "")]),
            ],
            Buttons = [new ReplyButton("budget.refresh", "Refresh", "payment"), new ReplyButton("release.block", "Block releases", "payment", ButtonStyle.Danger)],
            Context = "Rolling windows ending 2026-11-23 12:00 UTC",
        },
        ["help-table"] = new Reply
        {
            Header = "SloBot commands",
            Blocks = [new TableBlock(["command", "what it does"], [["/slo budget <service>", "Live error budget"], ["/slo status", "Every service at a glance"]])],
            Context = "Type a command without its arguments to be asked for them.",
        },
        ["chart"] = new Reply
        {
            Header = "Burn rate · payment",
            Blocks = [new TextBlock("Last 7 days"), new ImageBlock("burn.png", "Burn-rate chart"), new ImageBlock("missing.png", "A chart that was not attached")],
            Attachments = [new ReplyAttachment("burn.png", "image/png", [0x89, 0x50, 0x4E, 0x47])],
        },
        ["oversized"] = new Reply
        {
            Header = new string('T', 300),
            Blocks =
            [
                new TextBlock(string.Join("\n", Enumerable.Range(1, 400).Select(i => $"Line {i}: the quick brown fox jumps"))),
                new FieldsBlock(Enumerable.Range(1, 30).Select(i => new ReplyField($"Field {i}", i == 1 ? new string('v', 1100) : $"value {i}")).ToArray()),
                new TableBlock(["service", "status"], Enumerable.Range(1, 300).Select(i => (IReadOnlyList<string>)[$"service-{i:000}", "healthy"]).ToArray()),
            ],
            Buttons = Enumerable.Range(1, 27).Select(i => new ReplyButton("pick", $"Option {i}", $"{i}")).ToArray(),
            Context = "Generated for the golden test",
        },
    };
}
