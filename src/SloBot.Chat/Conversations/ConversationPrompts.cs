using System.Text.Json.Nodes;
using SloBot.Chat.Replies;

namespace SloBot.Chat.Conversations;

/// <summary>How a step reads in the thread: what it wants, an example, the data it shows, and its buttons.</summary>
internal static class ConversationPrompts
{
    public const string Keywords = "Reply in this thread · `back` · `skip` · `status` · `cancel` · `help`";

    public static Reply Step(ConversationFlow flow, StepContext context, string state, string? confirmation = null)
    {
        var step = flow.Step(state)!;
        var index = flow.IndexOf(state);
        var blocks = new List<ReplyBlock>();
        if (confirmation is not null)
            blocks.Add(new TextBlock(confirmation));
        if (step.Show is not null)
            blocks.AddRange(step.Show(context));
        else if (step.Kind == StepKind.Review)
            blocks.AddRange(flow.Summary(context));
        blocks.Add(new TextBlock(Question(step, context)));
        return new Reply
        {
            Header = $"{Name(flow, context)} · step {index + 1} of {flow.Steps.Count}: {step.Title}",
            Blocks = blocks,
            Buttons = Buttons(context.Record.Id, step, index),
            Context = Keywords,
            Summary = confirmation is null ? $"{step.Title}: {step.Ask}" : $"{confirmation} Next: {step.Title}",
            Data = new { conversation = context.Record.Id, kind = flow.Kind, state, step = index + 1, steps = flow.Steps.Count, confirmation },
        };
    }

    public static string Question(FlowStep step, StepContext context)
    {
        var text = $"**{step.Title}** — {step.Ask}\nFor example: `{step.Example}`";
        if (step.Kind == StepKind.List)
        {
            var count = context.List(step.Name).Count;
            text += count == 0 ? "\nOne entry per message; say `next` when you are done." : $"\n{count} so far — add another, or say `next` to move on.";
        }
        else if (step.Kind == StepKind.Review)
        {
            text += "\nSay `publish` to post and store it, or `back` to change an answer.";
        }
        else if (context.Data[step.Name] is { } current)
        {
            text += $"\nCurrent answer: {ConversationSummary.AnswerText(current)} — reply to replace it, or `skip` to keep it.";
        }

        if (!step.Optional)
            text += "\n(This step is needed; it cannot be skipped.)";
        return text;
    }

    public static Reply Help(ConversationFlow flow, StepContext context, string state)
    {
        var step = flow.Step(state)!;
        return new Reply
        {
            Header = $"Help · {Name(flow, context)}",
            Blocks =
            [
                new TextBlock(Question(step, context)),
                new TableBlock(
                    ["say", "to"],
                    [
                        ["back", "go to the previous step"],
                        ["skip", step.Optional ? "leave this step empty and go on" : "(not allowed here)"],
                        ["next", "finish a list step (timeline, action items)"],
                        ["status", "see every answer so far"],
                        ["cancel", $"stop this {flow.Noun} (nothing is published)"],
                        ["publish", "on the last step: post and store the document"],
                    ]),
            ],
            Context = Keywords,
            Summary = $"Help: {step.Title}",
        };
    }

    public static Reply Status(ConversationFlow flow, StepContext context, string state)
    {
        var index = flow.IndexOf(state);
        var blocks = new List<ReplyBlock>(flow.Summary(context));
        var where = index >= 0
            ? $"At step {index + 1} of {flow.Steps.Count}: **{flow.Steps[index].Title}**."
            : $"This {flow.Noun} is {FlowStates.StatusOf(state).ToString().ToLowerInvariant()}.";
        blocks.Insert(0, new TextBlock(where));
        return new Reply
        {
            Header = $"Status · {Name(flow, context)} ({context.Record.Id})",
            Blocks = blocks,
            Context = index >= 0 ? Keywords : Finished(flow, context.Record),
            Summary = where,
            Data = new { conversation = context.Record.Id, kind = flow.Kind, state, step = index + 1, steps = flow.Steps.Count, data = JsonNode.Parse(context.Data.ToJsonString()) },
        };
    }

    /// <summary>What can still be done with a conversation that has ended.</summary>
    private static string Finished(ConversationFlow flow, ConversationRecord record) => record.Status switch
    {
        ConversationStatus.Completed => $"Nothing more to answer in this thread · `/slo {flow.Kind} export {record.Id} markdown` gives the document",
        ConversationStatus.Abandoned => $"`/slo {flow.ResumeCommand} {record.Id}` picks it up where it stopped",
        _ => $"Nothing more to answer in this thread · `/slo {flow.Kind} start …` begins a new one",
    };

    private static List<ReplyButton> Buttons(string id, FlowStep step, int index)
    {
        var buttons = new List<ReplyButton>();
        foreach (var choice in step.Choices)
            buttons.Add(new ReplyButton(ConversationInput.ActionId(id, step.Name, FlowTrigger.Answer), choice, choice, ButtonStyle.Primary));
        if (step.Kind == StepKind.List)
            buttons.Add(new ReplyButton(ConversationInput.ActionId(id, step.Name, FlowTrigger.Next), "Next step", null, ButtonStyle.Primary));
        if (step.Kind == StepKind.Review)
            buttons.Add(new ReplyButton(ConversationInput.ActionId(id, step.Name, FlowTrigger.Publish), "Publish", null, ButtonStyle.Primary));
        if (step.Optional && step.Kind == StepKind.Single)
            buttons.Add(new ReplyButton(ConversationInput.ActionId(id, step.Name, FlowTrigger.Skip), "Skip"));
        if (index > 0)
            buttons.Add(new ReplyButton(ConversationInput.ActionId(id, step.Name, FlowTrigger.Back), "Back"));
        buttons.Add(new ReplyButton(ConversationInput.ActionId(id, step.Name, FlowTrigger.Cancel), "Cancel", null, ButtonStyle.Danger));
        return buttons;
    }

    public static string Name(ConversationFlow flow, StepContext context) =>
        string.Join(" ", new[] { Capitalise(flow.Noun), context.Record.Title }.Where(s => s.Length > 0));

    public static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}

/// <summary>The answers collected so far as label/value fields.</summary>
public static class ConversationSummary
{
    public static IReadOnlyList<ReplyBlock> Of(ConversationFlow flow, StepContext context)
    {
        var fields = flow.Steps
            .Where(s => s.Kind != StepKind.Review)
            .Select(s => new ReplyField(s.Title, context.Data[s.Name] is { } v ? AnswerText(v) : "—"))
            .ToArray();
        return [new FieldsBlock(fields)];
    }

    /// <summary>A stored answer as text: strings as they are, objects by their "text" member, lists one per line.</summary>
    public static string AnswerText(JsonNode? node) => node switch
    {
        null => "—",
        JsonArray { Count: 0 } => "—",
        JsonArray a => string.Join("\n", a.Select(e => "• " + AnswerText(e))),
        JsonObject o when o["text"] is JsonValue t => t.ToString(),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };
}
