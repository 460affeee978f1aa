using System.Text.Json.Nodes;
using SloBot.Chat.Conversations;
using SloBot.Chat.Replies;

namespace SloBot.Chat.Tests.Conversations;

/// <summary>A small flow with every step kind: a required single step, a choice, a list and the review.</summary>
internal sealed class DemoFlow : ConversationFlow
{
    public List<string> Completed { get; } = [];

    public override string Kind => "demo";

    public override int Version => 1;

    public override string Noun => "demo";

    public override IReadOnlyList<FlowStep> Steps { get; } =
    [
        new("name", "Name", "What is it called?", "Checkout") { Optional = false },
        new("colour", "Colour", "Which colour?", "red")
        {
            Choices = ["red", "green"],
            Parse = (text, _) => text.Trim().ToLowerInvariant() is "red" or "green" or "blue"
                ? StepAnswer.Accept(JsonValue.Create(text.Trim().ToLowerInvariant()), $"Colour {text.Trim().ToLowerInvariant()} ✔")
                : StepAnswer.Reject($"'{text}' is not a colour I know (red, green, blue)"),
        },
        new("notes", "Notes", "Anything to note?", "it was fast") { Kind = StepKind.List },
        new("review", "Review", "Publish?", "publish") { Kind = StepKind.Review },
    ];

    public override Task PersistAsync(StepContext context, CancellationToken cancellationToken)
    {
        lock (Completed)
            Completed.Add(context.Record.Id);
        return Task.CompletedTask;
    }

    public override Task<Reply> CompletedAsync(StepContext context, CancellationToken cancellationToken) =>
        Task.FromResult(Reply.Text($"Published {context.Text("name")} in {context.Text("colour")}"));
}
