using SloBot.Chat.Replies;

namespace SloBot.Chat.Conversations;

/// <summary>
/// A kind of guided dialogue: an ordered list of steps the engine turns into a Stateless machine
/// (<see cref="FlowMachine"/>). Register implementations with <c>services.AddConversationFlow&lt;T&gt;()</c>.
/// </summary>
public abstract class ConversationFlow
{
    /// <summary>Stored with every conversation: "retro", "review", "ask:tier".</summary>
    public abstract string Kind { get; }

    /// <summary>Bump when steps change. A conversation keeps working across versions as long as its step name exists; otherwise it continues at the first unanswered step.</summary>
    public abstract int Version { get; }

    /// <summary>How people call it: "retrospective", "weekly review".</summary>
    public abstract string Noun { get; }

    public abstract IReadOnlyList<FlowStep> Steps { get; }

    /// <summary>The command that reopens an abandoned conversation of this kind, without <c>/slo</c> ("retro resume").</summary>
    public virtual string ResumeCommand => "resume";

    /// <summary>Before the completed state is saved: idempotent writes (documents, action items) keyed by the conversation id.</summary>
    public virtual Task PersistAsync(StepContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>After the completed state was saved: the reply that finishes the conversation (the published document).</summary>
    public abstract Task<Reply> CompletedAsync(StepContext context, CancellationToken cancellationToken);

    /// <summary>The conversation's title from its answers (the retrospective's incident id), or null to keep the one it started with.</summary>
    public virtual string? TitleOf(System.Text.Json.Nodes.JsonObject data) => null;

        /// <summary>The collected answers so far, for <c>status</c> and the review step.</summary>
    public virtual IReadOnlyList<ReplyBlock> Summary(StepContext context) => ConversationSummary.Of(this, context);

    public FlowStep? Step(string name) => Steps.FirstOrDefault(s => s.Name == name);

    public int IndexOf(string name) => Steps.ToList().FindIndex(s => s.Name == name);
}
