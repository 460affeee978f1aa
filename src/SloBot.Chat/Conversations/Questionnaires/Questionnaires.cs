using System.Text.Json.Nodes;
using SloBot.Chat.Commands;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;

namespace SloBot.Chat.Conversations;

internal sealed class Questionnaires(ConversationEngine engine, ThreadPosts posts, CommandRunner commands) : IQuestionnaires
{
    public async Task<Reply> AskAsync(CommandContext command, string questionnaireId, IReadOnlyDictionary<string, string>? known, CancellationToken cancellationToken)
    {
        if (engine.FlowFor(QuestionnaireFlow.KindPrefix + questionnaireId) is not QuestionnaireFlow flow)
            throw new InvalidOperationException($"No questionnaire '{questionnaireId}' is registered; call services.AddQuestionnaire(...) in the feature's AddXxx.");
        var data = new JsonObject();
        foreach (var (name, value) in known ?? new Dictionary<string, string>())
        {
            if (flow.Step(name) is not null)
                data[name] = value;
        }

        if (flow.Steps.All(s => data.ContainsKey(s.Name)))
        {
            var text = flow.Questionnaire.BuildCommand(QuestionnaireFlow.Answers(data));
            return await commands.RunAsync(command.Event with { Text = text }, cancellationToken).ConfigureAwait(false);
        }

        var e = command.Event;
        var inThread = e.Where.Thread is not null || posts.TransportFor(e.Platform) is null;
        var thread = inThread
            ? e.Where
            : await posts.StartThreadAsync(e.Where, Reply.Text($"A few questions for `{flow.Questionnaire.Title}` — answer in the thread."), flow.Questionnaire.Title, e.EventId + ":thread", cancellationToken).ConfigureAwait(false) ?? e.Where;
        var (record, prompt) = await engine.StartAsync(flow, thread, e.User, "", data, null, cancellationToken).ConfigureAwait(false);
        if (prompt is null)
            return Busy(record, flow);
        if (inThread)
            return prompt;
        await posts.PostAsync(thread, prompt, record.Id + ":first", cancellationToken).ConfigureAwait(false);
        return Reply.Text($"I asked for the missing details in a thread: {posts.LinkTo(thread)}") with { Ephemeral = true };
    }

    private Reply Busy(ConversationRecord existing, QuestionnaireFlow flow)
    {
        var other = engine.FlowFor(existing.Kind)?.Noun ?? existing.Kind;
        return Reply.BadCommand(
            $"There is already a {other} {existing.Title} in progress here ({existing.Id}); finish it or say `cancel` first — " +
            $"or give `{flow.Questionnaire.Title}` all its arguments in one go.");
    }
}
