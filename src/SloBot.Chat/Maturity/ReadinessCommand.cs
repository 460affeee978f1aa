using SloBot.Chat.Commands;
using SloBot.Chat.Conversations;
using SloBot.Chat.Replies;
using SloBot.Core.Maturity;

namespace SloBot.Chat.Maturity;

/// <summary><c>/slo readiness [executive=yes|partly|no …]</c>: seed 004's <c>SLOCulture.assess_cultural_readiness</c>, five questions.</summary>
internal sealed class ReadinessCommand(TimeProvider time, IQuestionnaires? questionnaires = null) : ICommandHandler
{
    private static readonly string[] Names = CultureReadiness.Criteria.Select(c => c.Name).ToArray();

    public CommandSpec Spec { get; } = new(
        "readiness",
        "Scores the organisation's readiness for an SLO culture: ready, needs preparation, gaps, not ready",
        [.. CultureReadiness.Criteria.Select(c => new CommandOption(c.Name, c.Key.Replace('_', ' '), Choices: Answers.Words))],
        ["/slo readiness", "/slo readiness executive=yes engineering=partly product=yes data=yes incidents=no"]);

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var (answers, error) = QuestionnaireAnswers.Parse("readiness", context.Args.Positional, context.Args.Named, Names, new Dictionary<string, string>());
        if (error is not null)
            return error;
        if (answers.Count < Names.Length)
        {
            if (questionnaires is not null)
                return await questionnaires.AskAsync(context, MaturityQuestionnaires.ReadinessId, MaturityQuestionnaires.Known(answers), cancellationToken).ConfigureAwait(false);
            return MissingAnswers.Reply("readiness", Names, answers);
        }

        var result = CultureReadiness.Assess(Names.Select(n => answers[n].Value()).ToArray());
        return ReadinessReply.Render(result, answers, time.GetUtcNow());
    }
}
