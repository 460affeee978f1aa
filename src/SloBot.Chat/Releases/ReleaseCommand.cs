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
    /// <summary>The word that makes a release question a what-if: evaluated, not recorded.</summary>
    public const string DryRun = "dry-run";

    public CommandSpec Spec { get; } = new(
        "release",
        "Release decision from the error budget: approve, review, defer or block, with conditions",
        [
            new CommandOption("service", "The service", OptionKind.Service, Required: true, Positional: true),
            new CommandOption("version", "The version to release, e.g. v1.5.0", Required: true, Positional: true) { CheckedByCommand = true },
            new CommandOption("lines", "Lines changed (0 or more)", OptionKind.Integer) { Min = 0, Max = ReleaseArguments.MaxLines, Aliases = ["lines_changed"] },
            new CommandOption("critical-path", "Touches a critical path", OptionKind.Boolean) { Aliases = ["touches_critical_path"] },
            new CommandOption("db-migration", "Has a database migration", OptionKind.Boolean) { Aliases = ["has_db_migration"] },
            new CommandOption("external-apis", "Changes external APIs", OptionKind.Boolean) { Aliases = ["changes_external_apis"] },
            new CommandOption("coverage", "Test coverage in percent (0–100, default 100)", OptionKind.Number) { Min = 0, Max = 100, Aliases = ["test_coverage"] },
            new CommandOption(DryRun, "Evaluate without recording the decision (what-if)", OptionKind.Boolean),
        ],
        ["/slo release payment v1.5.0 lines=1200 db-migration coverage=72", "/slo release search v2.3.0 lines=80"]);

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var lookup = CatalogLookup.Resolve(catalog, context.Args.At(0), Spec);
        if (lookup.Error is { } error)
            return error;
        var service = lookup.Service!;
        var dryRun = context.Args.Words.Skip(1).Any(w => w.Equals(DryRun, StringComparison.OrdinalIgnoreCase));
        var args = dryRun ? CommandArgs.Parse(context.Args.Words.Where(w => !w.Equals(DryRun, StringComparison.OrdinalIgnoreCase))) : context.Args;
        var (version, info, problems) = ReleaseArguments.Parse(args);
        if (problems.Count > 0)
        {
            var list = problems.Count == 1 ? problems[0] : string.Join("\n", problems.Select(p => "• " + p));
            return Reply.BadCommand($"{Capitalise(list)}\nUsage: `{Spec.Usage}`, for example `{Spec.Examples[0]}`. Nothing was recorded.");
        }

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

    private static string Capitalise(string s) => s.Length == 0 || s[0] == '•' ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
