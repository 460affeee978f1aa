using SloBot.Chat.Commands;
using SloBot.Chat.Conversations;
using SloBot.Chat.Replies;
using SloBot.Core.Catalog;
using SloBot.Core.Text;
using SloBot.Core.Tiers;

namespace SloBot.Chat.Tiers;

/// <summary><c>/slo tier &lt;service&gt; revenue=… visibility=… severity=… data=… regulatory=… users=…</c>: seed 000 §9.1 TierAnalyzer.</summary>
/// <remarks>
/// Missing answers are asked one at a time in the thread (<see cref="IQuestionnaires"/>, with buttons) when the
/// conversation engine is registered; without it the reply is the command to type with every choice.
/// </remarks>
internal sealed class TierCommand(ISloCatalog catalog, ITierAdoptions adoptions, IQuestionnaires? questionnaires = null) : ICommandHandler
{
    public CommandSpec Spec { get; } = new(
        "tier",
        "Recommends a service tier from six questions: scores, targets, investment, next steps",
        [
            new CommandOption("service", "The service (need not be in the catalog yet)", OptionKind.Service, Required: true, Positional: true) { CheckedByCommand = true },
            .. TierMatrix.Criteria.Select(c => new CommandOption(c.ShortName, c.Question, Choices: c.ValueNames.ToArray()) { Aliases = [c.Key] }),
        ],
        [
            "/slo tier payment revenue=direct visibility=constant severity=severe data=high regulatory=yes users=large",
            "/slo tier reporting revenue=none visibility=rare severity=minor data=low regulatory=no users=internal",
        ]);

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        // The router has checked the answers against the questions' choices (by chat name or the document's key).
        var name = context.Args.Text("service");
        var (answers, _) = TierAnswers.Parse(TierMatrix.Criteria
            .Where(c => context.Args.Has(c.ShortName))
            .Select(c => KeyValuePair.Create(c.ShortName, context.Args.Text(c.ShortName)!)));

        if (string.IsNullOrWhiteSpace(name) || !answers.IsComplete)
        {
            var known = name is null ? null : catalog.FindService(name)?.Name ?? name;
            if (questionnaires is not null)
                return await questionnaires.AskAsync(context, TierQuestionnaire.Id, TierQuestionnaire.Known(known, answers), cancellationToken).ConfigureAwait(false);
            if (known is null)
                return Reply.BadCommand($"Which service? Usage: `{Spec.Usage}`, for example `{Spec.Examples[0]}`.");
            return TierQuestions.Ask(known, answers);
        }

        var service = catalog.FindService(name);
        var serviceName = service?.Name ?? name;

        var recommendation = TierAnalyzer.Analyze(answers);
        var (current, source) = await adoptions.EffectiveTierAsync(serviceName, service?.Tier, cancellationToken).ConfigureAwait(false);
        var note = service is not null
            ? current is { } tier ? $"Its tier now ({source}): {tier.ToTitle()}." : "It has no tier in the catalog yet."
            : NewServiceNote(name);
        return TierReply.Render(serviceName, recommendation, note, canAdopt: service is not null);
    }

    private string NewServiceNote(string name)
    {
        var hint = DidYouMean.Hint(name, catalog.Services.Select(s => s.Name));
        return $"`{name}` is not in the SLO catalog{(hint.Length > 0 ? hint : ".")} Analysed as a new service; add it to the catalog to adopt the tier.";
    }
}
