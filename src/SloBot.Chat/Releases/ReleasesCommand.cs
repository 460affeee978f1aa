using Humanizer;
using SloBot.Chat.Budgets;
using SloBot.Chat.Commands;
using SloBot.Chat.Replies;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Releases;

namespace SloBot.Chat.Releases;

/// <summary><c>/slo releases [service] [since=7d]</c>: the recorded release decisions, newest first, with overrides.</summary>
internal sealed class ReleasesCommand(ISloCatalog catalog, IReleaseDecisionLog log, TimeProvider time) : ICommandHandler
{
    public const int Shown = 20;

    public CommandSpec Spec { get; } = new(
        "releases",
        "Release decisions on record (who asked, the budget then, the verdict, overrides)",
        [
            new CommandOption("service", "Only this service", OptionKind.Service, Positional: true),
            new CommandOption("since", "How far back, e.g. 7d or 4w (default: all)"),
        ],
        ["/slo releases payment", "/slo releases since=7d"]);

    /// <summary>The furthest back <c>since=</c> reaches: 100 years.</summary>
    private static readonly TimeSpan MaxSince = TimeSpan.FromDays(36_500);

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var name = context.Args.Text("service");
        DateTimeOffset? since = null;
        var now = time.GetUtcNow();
        if (context.Args.Text("since") is { } sinceText)
        {
            if (!SloWindow.TryParse(sinceText, out var back) || back > MaxSince)
                return Reply.BadCommand($"`since={sinceText}`: expected a duration from 1ms to 100 years (`{SloWindow.Format(MaxSince)}`), such as `7d`, `4w` or `12h`.");
            since = now - back;
        }

        var decisions = await log.ListAsync(name is null ? null : catalog.FindService(name)?.Name ?? name, since, cancellationToken, Shown).ConfigureAwait(false);
        if (name is not null && decisions.Count == 0 && catalog.FindService(name) is null)
            return CatalogLookup.Resolve(catalog, name, Spec).Error ?? Reply.BadCommand($"No release decisions for `{name}`.");

        var scope = name is null ? "all services" : decisions.FirstOrDefault()?.Service ?? catalog.FindService(name)!.Name;
        if (decisions.Count == 0)
        {
            return new Reply
            {
                Blocks = [new TextBlock($"No release decisions on record for {scope}{(since is null ? "" : $" in the last {BudgetFormat.Length(now - since.Value)}")}. Ask for one with `/slo release <service> <version>`.")],
                Summary = $"No release decisions for {scope}",
                Data = new { decisions = Array.Empty<object>() },
            };
        }

        return new Reply
        {
            Header = $"Release decisions · {scope}",
            Blocks =
            [
                new TableBlock(
                    ["when", "release", "decision", "budget", "risk", "asked by", "id"],
                    decisions.Select(d => (IReadOnlyList<string>)
                    [
                        d.DecidedAt.Humanize(now),
                        $"{d.Service} {d.Version}",
                        d.Override is null ? d.Action.ToWord() : $"{d.Action.ToWord()} → approve ({(d.Action == ReleaseAction.Review ? "approved" : "override")})",
                        $"{BudgetFormat.Percent(d.Budget.Remaining)} {d.Budget.Status.ToWords()}",
                        $"{d.RiskLevel.ToWord()} ({d.RiskScore})",
                        Name(d.RequestedBy),
                        d.Id,
                    ]).ToArray()),
                .. decisions.Where(d => d.Override is not null).Select(d => (ReplyBlock)new TextBlock(
                    $"{d.Id}: {(d.Action == ReleaseAction.Review ? "approved" : "overridden")} by <@{d.Override!.By.Id}> ({ReleaseText.Role(d.Override.RoleKey)}) {d.Override.At.Humanize(now)} — “{d.Override.Reason}”")),
            ],
            Context = decisions.Count == Shown ? $"The {Shown} most recent; narrow with a service or since=…" : null,
            Summary = $"{decisions.Count} release decisions for {scope}",
            Data = new { decisions = decisions.Select(ReleaseHistoryData.From).ToArray() },
        };
    }

    private static string Name(Events.ChatUser user) => user.DisplayName ?? user.Id;
}

/// <summary>One row of <c>/slo releases --json</c>. Shares 0–1, times ISO-8601 UTC.</summary>
public sealed record ReleaseHistoryData(
    string DecisionId,
    string Service,
    string Version,
    string Action,
    string EffectiveAction,
    bool Pending,
    DateTimeOffset DecidedAt,
    string RequestedBy,
    string Where,
    string BudgetStatus,
    double? BudgetRemaining,
    string RiskLevel,
    int RiskScore,
    IReadOnlyList<string> Conditions,
    string Rationale,
    DateTimeOffset? ReviewRequestedAt,
    ReleaseOverrideData? Override)
{
    public static ReleaseHistoryData From(ReleaseDecisionRecord d) => new(
        d.Id, d.Service, d.Version, d.Action.ToWord(), d.EffectiveAction.ToWord(), d.IsPending, d.DecidedAt.ToUniversalTime(),
        d.RequestedBy.Id, d.Where.ToString(), d.Budget.Status.ToWord(), d.Budget.Remaining, d.RiskLevel.ToWord(), d.RiskScore,
        d.Conditions.Select(c => c.Key()).ToArray(), d.Rationale, d.ReviewRequest?.At.ToUniversalTime(),
        d.Override is { } o ? new ReleaseOverrideData(o.By.Id, o.Reason, o.At.ToUniversalTime(), o.RoleKey) : null);
}

/// <param name="Role">Who permitted it: <c>sloOwner</c> (an override, or an approved review) or <c>productManager</c> (an approved review).</param>
public sealed record ReleaseOverrideData(string By, string Reason, DateTimeOffset At, string Role);
