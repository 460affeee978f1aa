using Humanizer;
using Microsoft.Extensions.Options;
using SloBot.Chat.Budgets;
using SloBot.Chat.Commands;
using SloBot.Chat.Replies;

namespace SloBot.Chat.Schedules;

/// <summary><c>/slo schedule</c>: the scheduled posts, where they go, when next, and how the last ones went.</summary>
internal sealed class ScheduleListCommand(IOptions<ScheduleOptions> options, IScheduleLedger ledger, TimeProvider time) : ICommandHandler
{
    public CommandSpec Spec { get; } = new("schedule", "The scheduled posts (Monday review, stakeholder summaries): where, when next, last runs", [], ["/slo schedule"]);

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var posts = options.Value.Posts();
        if (posts.Count == 0)
        {
            return Reply.Text(
                "No scheduled posts are configured. Give a post a channel to turn it on, for example " +
                "`SloBot:Schedule:WeeklyReview:Channel=slack:C0123ABCD` (posts: WeeklyReview, Executives, Product, Engineering, Customers; " +
                "optional `:Cron`, `:TimeZone`, `:Grace`). Preview one now with `/slo summary executives`.") with { Data = new { posts = Array.Empty<object>() } };
        }

        var now = time.GetUtcNow();
        var rows = new List<IReadOnlyList<string>>();
        var data = new List<object>();
        foreach (var post in posts)
        {
            var next = ScheduleMath.Next(post.Cron, post.Zone, now);
            var last = (await ledger.RecentAsync(post.Job, 1, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
            rows.Add(
            [
                post.Job,
                post.Channel.ToString(),
                $"{post.CronText} ({post.Zone.Id})",
                next is { } n ? $"in {BudgetFormat.TwoUnits(n - now)} ({TimeZoneInfo.ConvertTime(n, post.Zone):ddd d MMM HH:mm})" : "never",
                last is null ? "not yet" : $"{last.Status.ToString().ToLowerInvariant()} {BudgetFormat.TwoUnits(now - last.Occurrence)} ago",
            ]);
            data.Add(new { job = post.Job, channel = post.Channel.ToString(), cron = post.CronText, timeZone = post.Zone.Id, next, lastOccurrence = last?.Occurrence, lastStatus = last?.Status.ToString().ToLowerInvariant() });
        }

        return new Reply
        {
            Header = "Scheduled posts",
            Blocks = [new TableBlock(["post", "channel", "when", "next", "last"], rows)],
            Summary = $"{"scheduled post".ToQuantity(posts.Count)}",
            Data = new { posts = data },
        };
    }
}

/// <summary><c>/slo summary &lt;audience&gt;</c>: a scheduled post now, for the period since its previous occurrence (a preview).</summary>
internal sealed class SummaryCommand(IOptions<ScheduleOptions> options, ScheduledPostBuilder builder, TimeProvider time) : ICommandHandler
{
    private static readonly Dictionary<string, ScheduledPostKind> Audiences = new(StringComparer.OrdinalIgnoreCase)
    {
        ["review"] = ScheduledPostKind.WeeklyReview,
        ["executives"] = ScheduledPostKind.Executives,
        ["product"] = ScheduledPostKind.Product,
        ["engineering"] = ScheduledPostKind.Engineering,
        ["customers"] = ScheduledPostKind.Customers,
    };

    public CommandSpec Spec { get; } = new(
        "summary",
        "A stakeholder summary now: executives, product, engineering, review or customers (the status page)",
        [new CommandOption("audience", "executives, product, engineering, review or customers", Required: true, Positional: true, Choices: ["executives", "product", "engineering", "review", "customers"])],
        ["/slo summary executives", "/slo summary engineering", "/slo summary customers"]);

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        // The router has checked the audience against the spec's choices.
        var kind = Audiences[context.Args.Text("audience")!];
        var o = options.Value;
        var cron = Cronos.CronExpression.Parse(o.For(kind).Cron ?? ScheduleOptions.DefaultCron(kind));
        var zone = TimeZoneInfo.FindSystemTimeZoneById(o.For(kind).TimeZone ?? o.TimeZone);
        var now = time.GetUtcNow();
        var (from, _) = ScheduleMath.Period(cron, zone, ScheduleMath.Next(cron, zone, now) ?? now);
        return await builder.BuildAsync(kind, from, now, zone, cancellationToken).ConfigureAwait(false);
    }
}
