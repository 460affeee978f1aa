using SloBot.Chat.Budgets;
using SloBot.Chat.Commands;
using SloBot.Chat.Conversations;
using SloBot.Chat.Replies;
using SloBot.Chat.Roles;
using SloBot.Core.Catalog;

namespace SloBot.Chat.Releases;

/// <summary>
/// <c>/slo release &lt;service&gt; &lt;version&gt; [lines=N] [critical-path] [db-migration] [external-apis] [coverage=N]</c>:
/// approve, review, defer or block from the service's live error budget and the release's risk; every decision is recorded.
/// </summary>
/// <remarks>
/// A missing version and risk answers are asked one at a time in the thread when the conversation engine is
/// registered (<see cref="IQuestionnaires"/>); without it (<c>slobot ask</c>) the reply says what to type.
/// </remarks>
internal sealed class ReleaseCommand(ISloCatalog catalog, ReleaseDecider decider, SloRoles roles, IQuestionnaires? questionnaires = null) : ICommandHandler
{
    public CommandSpec Spec => ReleaseArguments.Spec;

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var lookup = CatalogLookup.Resolve(catalog, context.Args.Text("service"), Spec);
        if (lookup.Error is { } error)
            return error;
        var service = lookup.Service!;
        var dryRun = context.Args.Flag(ReleaseArguments.DryRun);
        var version = context.Args.Text("version");
        var info = ReleaseArguments.Info(context.Args);
        if (version is null && questionnaires is not null)
        {
            return await questionnaires.AskAsync(context, ReleaseQuestionnaire.Id, ReleaseQuestionnaire.Known(service.Name, context.Args), cancellationToken)
                .ConfigureAwait(false);
        }

        if (version is null)
        {
            return Reply.BadCommand(
                $"Which version of {service.Name} do you want to release? Usage: `{Spec.Usage}`, for example " +
                $"`/slo release {service.Name} v1.5.0 lines=1200 db-migration coverage=72`. Nothing was recorded.");
        }

        if (service.Slos.Count == 0)
            return Reply.BadCommand($"{service.Name} has no SLOs in the catalog, so it has no error budget to decide a release on. Add one to its YAML file, or run `/slo design {service.Name}`.");

        var outcome = await decider.DecideAsync(service, version, info, context.Event.User, context.Event.Where, cancellationToken, record: !dryRun).ConfigureAwait(false);
        return ReleaseReply.Render(outcome, roles.SloOwnersOf(service));
    }
}
