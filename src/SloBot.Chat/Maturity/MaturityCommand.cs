using SloBot.Chat.Commands;
using SloBot.Chat.Conversations;
using SloBot.Chat.Replies;
using SloBot.Core.Maturity;

namespace SloBot.Chat.Maturity;

/// <summary>
/// <c>/slo maturity [roadmap=yes|partly|no …]</c>: seed 004's 5-level maturity model. The criteria SloBot can measure
/// come from its data; the others are asked (one at a time with buttons when the conversation engine is registered).
/// </summary>
internal sealed class MaturityCommand(MaturityEvidenceReader evidence, IQuestionnaires? questionnaires = null) : ICommandHandler
{
    /// <summary>Names a user might type for a measured criterion, and where SloBot measures it.</summary>
    private static readonly Dictionary<string, string> Measured = new(StringComparer.Ordinal)
    {
        ["coverage"] = "the catalog's services with SLOs",
        ["slos"] = "the catalog's SLOs",
        ["decisions"] = "release decisions recorded in the last 90 days",
        ["budget"] = "release decisions recorded in the last 90 days",
        ["reviews"] = "weekly reviews published in the last 12 weeks",
        ["alerting"] = "SloBot:Alerts:Channel",
        ["alerts"] = "SloBot:Alerts:Channel",
        ["automation"] = "burn-rate alerts and scheduled posts configured",
        ["reporting"] = "scheduled posts configured",
    };

    private static readonly string[] Names = MaturityQuestions.All.Select(q => q.Name).ToArray();

    public CommandSpec Spec { get; } = new(
        "maturity",
        "Places the organisation on the 5-level SLO maturity model: measured criteria plus a few questions",
        [.. MaturityQuestions.All.Select(q => new CommandOption(q.Name, q.Question.Length <= 100 ? q.Question : q.Characteristic, Choices: Answers.Words))],
        [
            "/slo maturity",
            "/slo maturity roadmap=yes governance=partly stakeholders=yes culture=no managed=no predictive=no slas=no",
        ]);

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var (answers, error) = QuestionnaireAnswers.Parse("maturity", context.Args.Positional, context.Args.Named, Names, Measured);
        if (error is not null)
            return error;
        if (answers.Count < Names.Length)
        {
            if (questionnaires is not null)
                return await questionnaires.AskAsync(context, MaturityQuestionnaires.MaturityId, MaturityQuestionnaires.Known(answers), cancellationToken).ConfigureAwait(false);
            return MissingAnswers.Reply("maturity", Names, answers);
        }

        var (measured, at) = await evidence.ReadAsync(cancellationToken).ConfigureAwait(false);
        return MaturityReply.Render(MaturityAssessment.Assess(measured, answers), measured, answers, at);
    }
}
