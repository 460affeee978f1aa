namespace SloBot.Chat.Conversations;

/// <summary>
/// One thing a person did in a conversation: typed a reply (keywords become triggers) or clicked a step button
/// (which names the state it was shown for, so a stale or double click is recognised).
/// </summary>
internal sealed record ConversationInput(FlowTrigger? Trigger, string? Text, string? ExpectedState, bool Status = false, bool Help = false, DateTimeOffset? UnchangedSince = null)
{
    public static ConversationInput FromText(string text, StepKind kind)
    {
        var word = text.Trim().TrimEnd('.', '!', '?').Trim().ToLowerInvariant();
        return word switch
        {
            "back" or "previous" or "undo" => new(FlowTrigger.Back, null, null),
            "skip" => new(FlowTrigger.Skip, null, null),
            "cancel" or "stop" or "abort" => new(FlowTrigger.Cancel, null, null),
            "status" or "where are we" => new(null, null, null, Status: true),
            "help" or "?" => new(null, null, null, Help: true),
            "next" or "done" or "no more" or "that's all" when kind == StepKind.List => new(FlowTrigger.Next, null, null),
            "publish" or "yes" or "ok" or "looks good" when kind == StepKind.Review => new(FlowTrigger.Publish, null, null),
            _ => new(FlowTrigger.Answer, text.Trim(), null),
        };
    }

    /// <summary>Button action ids: <c>conv:&lt;conversation id&gt;:&lt;state&gt;:&lt;trigger&gt;</c>; the value is the chosen answer.</summary>
    public static string ActionId(string conversationId, string state, FlowTrigger trigger) =>
        $"{ConversationButtons.Prefix}:{conversationId}:{state}:{trigger.ToString().ToLowerInvariant()}";

    public static (string ConversationId, ConversationInput Input)? FromButton(string actionId, string? value)
    {
        var parts = actionId.Split(':');
        if (parts.Length != 4 || parts[0] != ConversationButtons.Prefix)
            return null;
        return parts[3] switch
        {
            "status" => (parts[1], new ConversationInput(null, null, parts[2], Status: true)),
            "help" => (parts[1], new ConversationInput(null, null, parts[2], Help: true)),
            _ when Enum.TryParse<FlowTrigger>(parts[3], ignoreCase: true, out var trigger) => (parts[1], new ConversationInput(trigger, value, parts[2])),
            _ => null,
        };
    }
}
