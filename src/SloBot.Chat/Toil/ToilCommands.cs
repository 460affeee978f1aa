using SloBot.Chat.Commands;
using SloBot.Chat.Replies;
using SloBot.Chat.Teams;
using SloBot.Core.Text;
using SloBot.Core.Toil;

namespace SloBot.Chat.Toil;

/// <summary><c>/slo toil add "rotate certificates" weekly=2 hours=1.5 [error-prone] [complexity=3] [effort=HOURS]</c>.</summary>
internal sealed class ToilAddCommand(IToilStore store, TimeProvider time) : ICommandHandler
{
    public const string ErrorProne = "error-prone";

    public CommandSpec Spec { get; } = new(
        "toil add",
        "Records a toil task: how often a week, hours each, error-prone, how hard to automate",
        [
            new CommandOption("task", "What the task is (quote it)", Required: true, Positional: true),
            new CommandOption("weekly", "Times a week (0.25 for monthly)", OptionKind.Number, Required: true),
            new CommandOption("hours", "Hours each time", OptionKind.Number, Required: true),
            new CommandOption(ErrorProne, "Mistakes happen when it is done by hand", OptionKind.Boolean),
            new CommandOption("complexity", "How hard to automate, 1 (a script) to 5 (a project); default 3", OptionKind.Integer),
            new CommandOption("effort", "Hours automating it would take (default: 8 per point of complexity)", OptionKind.Number),
        ],
        ["/slo toil add \"rotate certificates\" weekly=2 hours=1.5 error-prone complexity=3"]);

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var args = context.Args;
        if (TeamArguments.Unknown(args, Spec, positionalAllowed: true, ErrorProne) is { } unknown)
            return unknown;
        var words = args.Positional.Where(w => !w.Equals(ErrorProne, StringComparison.OrdinalIgnoreCase)).ToArray();
        if (words.FirstOrDefault(w => !w.Contains(' ', StringComparison.Ordinal) && DidYouMean.Distance(w.ToLowerInvariant(), ErrorProne) is > 0 and <= 2) is { } typo)
            return Reply.BadCommand($"`{typo}`{DidYouMean.Phrase(ErrorProne)} Quote the task's name when it has several words: `{Spec.Examples[0]}`.");
        var name = string.Join(' ', words).Trim();
        var missing = new[] { ("the task's name", name.Length == 0), ("`weekly=`", !args.Named.ContainsKey("weekly")), ("`hours=`", !args.Named.ContainsKey("hours")) }
            .Where(m => m.Item2).Select(m => m.Item1).ToArray();
        if (missing.Length > 0)
            return Reply.BadCommand($"`/slo toil add` needs {string.Join(" and ", missing)}. Usage: `{Spec.Usage}`, for example `{Spec.Examples[0]}`.");
        if (name.Length > 200)
            return Reply.BadCommand($"The task's name is {name.Length} characters long; keep it under 200.");
        var (weekly, e1) = TeamArguments.Number(args, "weekly", 0, 10_000, "the times a week", "2", minExclusive: true);
        var (hours, e2) = TeamArguments.Number(args, "hours", 0, 168, "the hours each time", "1.5", minExclusive: true);
        var (complexity, e3) = TeamArguments.Whole(args, "complexity", 1, 5, "how hard it is to automate", "3");
        var (effort, e4) = TeamArguments.Number(args, "effort", 0, 100_000, "the hours automating it would take", "16", minExclusive: true);
        if ((e1 ?? e2 ?? e3 ?? e4) is { } bad)
            return bad;
        var task = new ToilTask(name, weekly!.Value, hours!.Value, args.Positional.Contains(ErrorProne, StringComparer.OrdinalIgnoreCase), complexity ?? 3, effort);
        var stored = await store.AddAsync(task, context.Event.User.Id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var roi = AutomationPriority.RoiMonths(task);
        var text = $"Recorded toil #{stored.Id} **{name}**: {ToilText.Load(task)}{(task.ErrorProne ? ", error-prone" : "")}, complexity {task.AutomationComplexity}. " +
                   $"Automation score {ToilText.Score(AutomationPriority.Score(task))}; automating it ({TeamFormat.Hours(task.EffortHours)}) pays back in {ToilText.Roi(roi)}.";
        return new Reply
        {
            Blocks = [new TextBlock(text)],
            Context = "`/slo toil list` ranks the tasks and gives the toil budget; `/slo toil remove " + stored.Id + "` takes it out",
            Summary = $"Recorded toil #{stored.Id} {name}",
            Data = ToilData.Task(stored),
        };
    }
}

/// <summary><c>/slo toil remove &lt;id&gt;</c>.</summary>
internal sealed class ToilRemoveCommand(IToilStore store, TimeProvider time) : ICommandHandler
{
    public CommandSpec Spec { get; } = new(
        "toil remove",
        "Removes a toil task (automated, or no longer done)",
        [new CommandOption("id", "The task's number from /slo toil list", OptionKind.Integer, Required: true, Positional: true)],
        ["/slo toil remove 3"]);

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (TeamArguments.Unknown(context.Args, Spec, positionalAllowed: true) is { } unknown)
            return unknown;
        var word = context.Args.At(0)?.TrimStart('#');
        if (context.Args.Positional.Count != 1 || !int.TryParse(word, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            return Reply.BadCommand($"Which task? Give one number from `/slo toil list`, for example `{Spec.Examples[0]}`.");
        var removed = await store.RemoveAsync(id, context.Event.User.Id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (removed is null)
        {
            var ids = (await store.ListAsync(cancellationToken).ConfigureAwait(false)).Select(t => $"#{t.Id}").ToArray();
            return Reply.BadCommand($"There is no toil task #{id}. Recorded: {(ids.Length == 0 ? "none" : string.Join(", ", ids))}.");
        }

        return new Reply
        {
            Blocks = [new TextBlock($"Removed toil #{id} **{removed.Task.Name}** ({TeamFormat.Hours(removed.Task.HoursPerWeek)} a week).")],
            Summary = $"Removed toil #{id}",
            Data = new { id, name = removed.Task.Name, removed = true },
        };
    }
}
