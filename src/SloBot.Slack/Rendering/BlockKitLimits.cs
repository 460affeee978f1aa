namespace SloBot.Slack.Rendering;

/// <summary>Slack's Block Kit limits (protocols/chat-protocols.md §3.4) and SloBot's own split budget.</summary>
internal static class BlockKitLimits
{
    public const int BlocksPerMessage = 50;
    public const int SectionText = 3000;
    public const int FieldsPerSection = 10;
    public const int FieldText = 2000;
    public const int HeaderText = 150;
    public const int ContextText = 2000;
    public const int ButtonText = 75;
    public const int ButtonValue = 2000;
    public const int ActionId = 255;
    public const int ElementsPerActions = 25;
    public const int AltText = 2000;
    public const int MessageChars = 40_000;

    /// <summary>Fallback <c>text</c> kept short: it is the notification, not the message.</summary>
    public const int FallbackText = 3000;

    /// <summary>A reply is split over at most this many messages (a response_url takes five); the rest is cut visibly.</summary>
    public const int MessagesPerReply = 5;
}
