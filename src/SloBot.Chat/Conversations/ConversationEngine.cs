using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Chat.Telemetry;

namespace SloBot.Chat.Conversations;

/// <summary>
/// Runs conversations of the flows registered with <c>AddConversationFlow</c> (found by their kind, nothing here
/// knows a particular flow): for every event it takes the conversation's lock, loads the record, builds the flow's
/// Stateless machine over the record's state, fires the trigger, and saves with a version check only after the
/// trigger (and the new step's entry work) completed. A version conflict reloads and re-applies the event.
/// </summary>
public sealed partial class ConversationEngine(
    IConversationStore store,
    IEnumerable<ConversationFlow> flows,
    TimeProvider time,
    IOptions<ConversationOptions> options,
    ILogger<ConversationEngine> logger)
{
    private const int MaxAttempts = 3;
    private const string ResumeKey = "_resumeAt";
    private readonly KeyedLock _locks = new();
    private readonly Dictionary<string, ConversationFlow> _flows = flows.ToDictionary(f => f.Kind, StringComparer.Ordinal);

    public IConversationStore Store => store;

    /// <summary>The zone lenient times are read in.</summary>
    public TimeZoneInfo Zone => options.Value.Zone;

    public DateTimeOffset Now => time.GetUtcNow();

    public ConversationFlow? FlowFor(string kind) => _flows.GetValueOrDefault(kind);

    /// <summary>
    /// Creates a conversation in <paramref name="thread"/> at the first step <paramref name="data"/> does not answer yet
    /// and returns its first prompt; or, when the thread already has an active conversation, that one and no prompt.
    /// </summary>
    public async Task<(ConversationRecord Record, Reply? Prompt)> StartAsync(
        ConversationFlow flow, ConversationKey thread, ChatUser user, string title, JsonObject data, string? link, CancellationToken cancellationToken)
    {
        using var _ = await _locks.LockAsync("thread:" + thread, cancellationToken).ConfigureAwait(false);
        if (await store.FindActiveAsync(thread, cancellationToken).ConfigureAwait(false) is { } existing)
            return (existing, null);
        var now = time.GetUtcNow();
        var state = FirstUnanswered(flow, data);
        var id = $"{flow.Kind.Split(':')[^1]}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        var record = new ConversationRecord(id, thread, flow.Kind, flow.Version, state, "{}", title, user.Id, now, now, Link: link);
        var context = Context(record, data);
        if (flow.Step(state)?.OnEnter is { } enter)
            await enter(context, cancellationToken).ConfigureAwait(false);
        record = record with { Data = data.ToJsonString() };
        if (!await store.CreateAsync(record, cancellationToken).ConfigureAwait(false))
            return ((await store.FindActiveAsync(thread, cancellationToken).ConfigureAwait(false))!, null);
        ChatTelemetry.ConversationTransitions.Add(1, new TagList { { "kind", record.Kind }, { "state", "started" } });
        LogStarted(logger, id, flow.Kind, thread.ToString());
        return (record, ConversationPrompts.Step(flow, context, state));
    }

    /// <summary>
    /// A reply typed in a thread. In the thread of a finished conversation (published, cancelled, abandoned) the answer is
    /// where it stands and what can be done now, as the "already done" message promises; null when the thread never held
    /// one (not SloBot's business).
    /// </summary>
    public async Task<Reply?> HandleMessageAsync(ThreadMessage message, CancellationToken cancellationToken)
    {
        var record = await store.FindActiveAsync(message.Where, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            // "@SloBot budget payment" in a finished thread is a command (the dispatcher routes it), not a status request;
            // a finished questionnaire (a command's missing arguments) frees its thread or session.
            return !message.Mentioned && await store.FindLatestAsync(message.Where, cancellationToken).ConfigureAwait(false) is { } finished
                && FlowFor(finished.Kind) is not null and not QuestionnaireFlow
                ? await PromptAsync(finished.Id, cancellationToken).ConfigureAwait(false)
                : null;
        }

        var kind = FlowFor(record.Kind)?.Step(record.State)?.Kind ?? StepKind.Single;
        return await ApplyAsync(record.Id, ConversationInput.FromText(message.Text, kind), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether a conversation is going on in <paramref name="where"/>.</summary>
    public async Task<bool> HasActiveAsync(ConversationKey where, CancellationToken cancellationToken) =>
        await store.FindActiveAsync(where, cancellationToken).ConfigureAwait(false) is not null;

    public Task<Reply> HandleButtonAsync(ButtonClick click, CancellationToken cancellationToken) =>
        ConversationInput.FromButton(click.ActionId, click.Value) is { } parsed
            ? ApplyAsync(parsed.ConversationId, parsed.Input, cancellationToken)
            : Task.FromResult(Reply.BadCommand("That button belongs to an older version of this conversation; type `status` in the thread to see where it is."));

    /// <summary>The current step again (for <c>resume</c> of an active conversation), or the reason there is none.</summary>
    public async Task<Reply> PromptAsync(string id, CancellationToken cancellationToken)
    {
        var record = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (record is null || FlowFor(record.Kind) is not { } flow)
            return Reply.BadCommand($"No conversation `{id}`.");
        var data = Parse(record.Data);
        var state = CurrentState(flow, record, data);
        return record.IsActive
            ? ConversationPrompts.Step(flow, Context(record, data), state)
            : ConversationPrompts.Status(flow, Context(record, data), state);
    }

    /// <summary>Reopens an abandoned conversation at the step it was left at.</summary>
    public Task<Reply> ResumeAsync(string id, CancellationToken cancellationToken) =>
        ApplyAsync(id, new ConversationInput(FlowTrigger.Resume, null, null), cancellationToken);

    /// <summary>Closes an idle conversation as abandoned (the sweeper); it can be resumed.</summary>
    internal async Task<Reply?> AbandonAsync(ConversationRecord idle, CancellationToken cancellationToken)
    {
        var reply = await ApplyAsync(idle.Id, new ConversationInput(FlowTrigger.Abandon, null, null, UnchangedSince: idle.UpdatedAt), cancellationToken).ConfigureAwait(false);
        var after = await store.GetAsync(idle.Id, cancellationToken).ConfigureAwait(false);
        return after?.Status == ConversationStatus.Abandoned && after.UpdatedAt != idle.UpdatedAt ? reply : null;
    }

    /// <summary>Marks that a reminder was posted, without touching the idle clock. False on a conflict (someone answered meanwhile).</summary>
    internal async Task<bool> MarkRemindedAsync(ConversationRecord record, CancellationToken cancellationToken)
    {
        using var _ = await _locks.LockAsync(record.Id, cancellationToken).ConfigureAwait(false);
        return await store.TryUpdateAsync(record with { RemindedAt = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
    }

    internal async Task<Reply> ApplyAsync(string id, ConversationInput input, CancellationToken cancellationToken)
    {
        using var _ = await _locks.LockAsync(id, cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var record = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (record is null)
                return Reply.BadCommand($"No conversation `{id}` (it may have been started on another SloBot installation).");
            if (FlowFor(record.Kind) is not { } flow)
                return Reply.BadCommand($"This SloBot does not know conversations of kind `{record.Kind}` any more; nothing was changed.");
            var outcome = await StepAsync(flow, record, input, cancellationToken).ConfigureAwait(false);
            if (outcome.Save is null)
                return outcome.Reply!;
            if (await store.TryUpdateAsync(outcome.Save, cancellationToken).ConfigureAwait(false))
            {
                LogMoved(logger, id, record.State, outcome.Save.State);
                if (outcome.Save.State != record.State)
                    ChatTelemetry.ConversationTransitions.Add(1, new TagList { { "kind", record.Kind }, { "state", outcome.Save.State } });
                if (outcome.Save.State != FlowStates.Completed)
                    return outcome.Reply!;
                var saved = outcome.Save with { Version = outcome.Save.Version + 1 };
                var done = await flow.CompletedAsync(Context(saved, Parse(saved.Data)), cancellationToken).ConfigureAwait(false);
                return outcome.Confirmation is null ? done : done with { Blocks = [new TextBlock(outcome.Confirmation), .. done.Blocks] };
            }

            LogConflict(logger, id, attempt);
        }

        return Reply.Text("Several answers arrived at the same moment and this one could not be applied; type `status` to see where the conversation is, then answer again.");
    }

    private async Task<StepOutcome> StepAsync(ConversationFlow flow, ConversationRecord record, ConversationInput input, CancellationToken cancellationToken)
    {
        var data = Parse(record.Data);
        var state = CurrentState(flow, record, data);
        var context = Context(record, data);
        var step = flow.Step(state);
        if (input.UnchangedSince is { } since && record.UpdatedAt != since)
            return StepOutcome.Answer(Reply.Text("The conversation moved on meanwhile; nothing was changed."));
        if (input.ExpectedState is not null && input.ExpectedState != state)
            return StepOutcome.Answer(AlreadyDone(flow, context, state));
        if (input.Status)
            return StepOutcome.Answer(ConversationPrompts.Status(flow, context, state));
        if (input.Help && step is not null)
            return StepOutcome.Answer(ConversationPrompts.Help(flow, context, state));
        if (!record.IsActive && input.Trigger != FlowTrigger.Resume)
            return StepOutcome.Answer(AlreadyDone(flow, context, state));

        var trigger = input.Trigger ?? FlowTrigger.Answer;
        StepAnswer? answer = null;
        if (step is not null)
        {
            switch (trigger)
            {
                case FlowTrigger.Answer when step.Kind == StepKind.Review:
                    return StepOutcome.Answer(Again(flow, context, state, "This is the last look before publishing."));
                case FlowTrigger.Answer:
                    answer = step.Understand(input.Text ?? "", context);
                    if (!answer.Ok)
                        return StepOutcome.Answer(Again(flow, context, state, $"I could not read that: {answer.Error}."));
                    break;
                case FlowTrigger.Skip when !step.Optional:
                    return StepOutcome.Answer(Again(flow, context, state, $"**{step.Title}** is needed for the {flow.Noun}, so it cannot be skipped."));
                case FlowTrigger.Skip when step.Kind == StepKind.List:
                    trigger = FlowTrigger.Next;
                    break;
                case FlowTrigger.Back when flow.IndexOf(state) == 0:
                    return StepOutcome.Answer(Again(flow, context, state, "This is the first step; there is nothing before it."));
            }
        }

        var before = state;
        var machine = new FlowMachine(flow, () => state, s => state = s, () => data[ResumeKey]?.GetValue<string>() ?? flow.Steps[0].Name);
        await machine.FireAsync(trigger).ConfigureAwait(false);
        if (machine.WasUnhandled)
            return StepOutcome.Answer(AlreadyDone(flow, context, before));

        if (answer is not null)
            Record(step!, data, answer.Value);
        if (trigger == FlowTrigger.Abandon)
            data[ResumeKey] = before;
        if (trigger == FlowTrigger.Resume)
            data.Remove(ResumeKey);
        var confirmation = answer?.Confirmation ?? Describe(trigger, step);
        var saved = record with { State = state, Data = data.ToJsonString(), FlowVersion = flow.Version, UpdatedAt = context.Now, RemindedAt = null, Title = flow.TitleOf(data) ?? record.Title };
        var next = Context(saved, data);
        if (state != before && flow.Step(state)?.OnEnter is { } enter)
            await enter(next, cancellationToken).ConfigureAwait(false);
        if (state == FlowStates.Completed)
            await flow.PersistAsync(next, cancellationToken).ConfigureAwait(false);
        saved = saved with { Data = data.ToJsonString() };
        var reply = state switch
        {
            FlowStates.Cancelled => Reply.Text($"The {flow.Noun} {record.Title} is cancelled; nothing was published."),
            FlowStates.Abandoned => Reply.Text($"The {flow.Noun} {record.Title} was idle too long and is closed as abandoned. `/slo {flow.ResumeCommand} {record.Id}` reopens it where it stopped."),
            FlowStates.Completed => null,
            _ => ConversationPrompts.Step(flow, next, state, confirmation),
        };
        return new StepOutcome(reply, saved, confirmation);
    }

    private static Reply Again(ConversationFlow flow, StepContext context, string state, string why) =>
        ConversationPrompts.Step(flow, context, state, why);

    private static Reply AlreadyDone(ConversationFlow flow, StepContext context, string state)
    {
        var where = flow.Step(state) is { } s
            ? $"we are at **{s.Title}** (step {flow.IndexOf(state) + 1} of {flow.Steps.Count})"
            : $"the {flow.Noun} is {FlowStates.StatusOf(state).ToString().ToLowerInvariant()}";
        return new Reply
        {
            Blocks = [new TextBlock($"That step is already done — {where}. Type `status` to see every answer.")],
            Ephemeral = true,
            Summary = "That step is already done",
            Data = new { conversation = context.Record.Id, state, alreadyDone = true },
        };
    }

    private static string? Describe(FlowTrigger trigger, FlowStep? step) => trigger switch
    {
        FlowTrigger.Skip or FlowTrigger.Next when step is not null => $"{step.Title} — done ✔",
        FlowTrigger.Back => "Went back one step.",
        FlowTrigger.Resume => "Resumed where it stopped.",
        _ => null,
    };

    private static void Record(FlowStep step, JsonObject data, JsonNode? value)
    {
        if (step.Kind == StepKind.List)
        {
            if (data[step.Name] is not JsonArray list)
                data[step.Name] = list = [];
            list.Add(value);
        }
        else
        {
            data[step.Name] = value;
        }
    }

    /// <summary>The record's state, or — when a deploy removed its step — the first step it has not answered.</summary>
    private static string CurrentState(ConversationFlow flow, ConversationRecord record, JsonObject data) =>
        !record.IsActive || flow.Step(record.State) is not null ? record.State : FirstUnanswered(flow, data);

    private static string FirstUnanswered(ConversationFlow flow, JsonObject data) =>
        flow.Steps.FirstOrDefault(s => s.Kind != StepKind.Single || !data.ContainsKey(s.Name))?.Name ?? flow.Steps[^1].Name;

    private StepContext Context(ConversationRecord record, JsonObject data) =>
        new(record, data, time.GetUtcNow(), options.Value.Zone);

    private static JsonObject Parse(string json) => JsonNode.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json) as JsonObject ?? [];

    private sealed record StepOutcome(Reply? Reply, ConversationRecord? Save, string? Confirmation)
    {
        public static StepOutcome Answer(Reply reply) => new(reply, null, null);
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Conversation {ConversationId} ({Kind}) started in {Thread}")]
    private static partial void LogStarted(ILogger logger, string conversationId, string kind, string thread);

    [LoggerMessage(EventId = 501, Level = LogLevel.Debug, Message = "Conversation {ConversationId}: {From} -> {To}")]
    private static partial void LogMoved(ILogger logger, string conversationId, string from, string to);

    [LoggerMessage(EventId = 502, Level = LogLevel.Information, Message = "Conversation {ConversationId}: version conflict on attempt {Attempt}, reloading")]
    private static partial void LogConflict(ILogger logger, string conversationId, int attempt);
}
