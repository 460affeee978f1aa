namespace SloBot.Chat.Replies;

/// <summary>
/// The platform-neutral rich message every handler returns. Transports render it (Block Kit, embeds,
/// plain text); <c>ask --json</c> prints <see cref="Data"/>. Text uses a small markdown subset:
/// <c>**bold**</c>, <c>_italic_</c>, <c>`code`</c>, and <c>&lt;@userId&gt;</c> mentions.
/// </summary>
public sealed record Reply
{
    public string? Header { get; init; }

    public IReadOnlyList<ReplyBlock> Blocks { get; init; } = [];

    public IReadOnlyList<ReplyButton> Buttons { get; init; } = [];

    /// <summary>A small grey line at the end (data source, time of the data).</summary>
    public string? Context { get; init; }

    /// <summary>Files that go with the message: chart PNGs, generated rules, exports.</summary>
    public IReadOnlyList<ReplyAttachment> Attachments { get; init; } = [];

    /// <summary>Seen only by the user who asked (errors, private data).</summary>
    public bool Ephemeral { get; init; }

    /// <summary>An answer to a button click that takes the place of the message the button was on (Refresh).</summary>
    public bool ReplaceOriginal { get; init; }

    /// <summary>The reply's data for programs (<c>--json</c>), serialised with camelCase names.</summary>
    public object? Data { get; init; }

    /// <summary>Outcome for scripts: 0 answered, 1 data source failed, 2 bad command; other commands define more.</summary>
    public int ExitCode { get; init; }

    /// <summary>One-line plain summary: notification text and the fallback of rich messages.</summary>
    public string? Summary { get; init; }

    public static Reply Text(string text, int exitCode = 0) => new() { Blocks = [new TextBlock(text)], ExitCode = exitCode, Summary = text };

    /// <summary>The command was wrong: shown only to the asker, exit code 2.</summary>
    public static Reply BadCommand(string message) => new()
    {
        Blocks = [new TextBlock(message)],
        Ephemeral = true,
        ExitCode = ExitCodes.BadCommand,
        Summary = message,
        Data = new { error = message },
    };

    /// <summary>The data source failed: exit code 1.</summary>
    public static Reply SourceFailed(string message) => new()
    {
        Blocks = [new TextBlock(message)],
        Ephemeral = true,
        ExitCode = ExitCodes.SourceFailed,
        Summary = message,
        Data = new { error = message },
    };

    /// <summary>
    /// SloBot is shutting down and could not finish this request in the shutdown grace period: shown to the asker so the
    /// request is not met with silence (exit code 1: nothing was answered).
    /// </summary>
    public static Reply Restarting() => SourceFailed("SloBot is restarting, ask again in a minute. Your request was not finished; if it was meant to change something (a release decision, an answer in a conversation), check whether it did before asking again.");

    /// <summary>All the plain text of the reply, for fallbacks and tests.</summary>
    public string PlainText() => PlainTextRenderer.Render(this);
}

public static class ExitCodes
{
    public const int Answered = 0;
    public const int SourceFailed = 1;
    public const int BadCommand = 2;
}

public abstract record ReplyBlock;

/// <summary>A paragraph of markdown-subset text.</summary>
public sealed record TextBlock(string Text) : ReplyBlock;

/// <summary>Label/value pairs shown side by side where the platform can.</summary>
public sealed record FieldsBlock(IReadOnlyList<ReplyField> Fields) : ReplyBlock;

public sealed record ReplyField(string Label, string Value);

/// <summary>A small table; platforms without tables render it as a code block.</summary>
public sealed record TableBlock(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows) : ReplyBlock;

/// <summary>An image that is one of the reply's attachments (by file name).</summary>
public sealed record ImageBlock(string AttachmentName, string AltText) : ReplyBlock;

public sealed record DividerBlock : ReplyBlock;

public enum ButtonStyle
{
    Default,
    Primary,
    Danger,
}

/// <summary>A button; a click comes back as a <c>ButtonClick</c> with this <see cref="ActionId"/> and <see cref="Value"/>.</summary>
public sealed record ReplyButton(string ActionId, string Label, string? Value = null, ButtonStyle Style = ButtonStyle.Default);

public sealed record ReplyAttachment(string FileName, string ContentType, byte[] Content);
