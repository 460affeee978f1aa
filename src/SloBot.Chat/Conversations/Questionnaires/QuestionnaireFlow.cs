using System.Text.Json.Nodes;
using SloBot.Chat.Commands;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Core.Text;

namespace SloBot.Chat.Conversations;

/// <summary>A <see cref="Questionnaire"/> as a conversation flow: one single step per question; completing runs the command.</summary>
internal sealed class QuestionnaireFlow(Questionnaire questionnaire, CommandRunner commands) : ConversationFlow
{
    public const string KindPrefix = "ask:";

    public Questionnaire Questionnaire { get; } = questionnaire;

    public override string Kind => KindPrefix + Questionnaire.Id;

    public override int Version => 1;

    public override string Noun => Questionnaire.Title;

    public override IReadOnlyList<FlowStep> Steps { get; } = questionnaire.Questions.Select(ToStep).ToArray();

    public override async Task<Reply> CompletedAsync(StepContext context, CancellationToken cancellationToken)
    {
        var answers = Answers(context.Data);
        var text = Questionnaire.BuildCommand(answers);
        var command = new CommandEvent($"{context.Record.Id}:done", context.Record.Key, new ChatUser(context.Record.StartedBy), context.Now, text);
        var reply = await commands.RunAsync(command, cancellationToken).ConfigureAwait(false);
        return reply with { Blocks = [new TextBlock($"Running `/slo {text}`"), .. reply.Blocks] };
    }

    public static IReadOnlyDictionary<string, string> Answers(JsonObject data) =>
        data.Where(p => !p.Key.StartsWith('_') && p.Value is JsonValue)
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);

    private static FlowStep ToStep(Question q) => new(q.Name, q.Name, q.Ask, q.Example)
    {
        Optional = q.Optional,
        Choices = q.Choices,
        Parse = (text, _) => Understand(q, text.Trim()),
    };

    private static StepAnswer Understand(Question q, string text)
    {
        if (text.Length == 0)
            return StepAnswer.Reject("that was empty");
        if (q.Choices.Count > 0)
        {
            var match = q.Choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
                text = match;
            else if (q.ChoicesOnly)
            {
                var hint = DidYouMean.Hint(text, q.Choices);
                return StepAnswer.Reject($"`{text}` is not one of {string.Join(", ", q.Choices.Select(c => $"`{c}`"))}{hint}");
            }
        }

        if (q.Validate?.Invoke(text) is { } problem)
            return StepAnswer.Reject(problem);
        var value = q.Normalise?.Invoke(text) ?? text;
        return StepAnswer.Accept(JsonValue.Create(value), $"{q.Name} — {value} ✔");
    }
}
