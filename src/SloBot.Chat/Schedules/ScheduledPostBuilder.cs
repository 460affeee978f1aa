using Humanizer;
using SloBot.Chat.Balance;
using SloBot.Chat.Budgets;
using SloBot.Chat.Replies;
using SloBot.Chat.Reviews;
using SloBot.Chat.StatusPage;
using SloBot.Core.Budgets;

namespace SloBot.Chat.Schedules;

/// <summary>
/// What each scheduled post says, from live data (catalog, SLI source, retrospectives, decisions, action items) for
/// the period it covers. Seed 004's stakeholder groups: executives (business impact, trends, risks), product (error
/// budget, release decisions, feature velocity, and the reliability vs feature split when <c>/slo balance</c> is
/// registered), engineering (current status, incidents, action items), customers (the status page: availability,
/// incidents and resolutions of the services listed for customers, under their public names).
/// </summary>
internal sealed class ScheduledPostBuilder(ReviewData data, BalanceSummary? balance = null, StatusPageBuilder? statusPage = null)
{
    /// <summary>The post for the period [<paramref name="from"/>, <paramref name="to"/>), dates read in <paramref name="zone"/>.</summary>
    public async Task<Reply> BuildAsync(ScheduledPostKind kind, DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone, CancellationToken cancellationToken) => kind switch
    {
        ScheduledPostKind.WeeklyReview => await WeeklyReviewAsync(from, to, zone, cancellationToken).ConfigureAwait(false),
        ScheduledPostKind.Executives => await ExecutivesAsync(from, to, zone, cancellationToken).ConfigureAwait(false),
        ScheduledPostKind.Product => await ProductAsync(from, to, zone, cancellationToken).ConfigureAwait(false),
        ScheduledPostKind.Customers => statusPage is null
            ? Reply.BadCommand("The status page is not part of this SloBot (AddStatusPage).")
            : StatusPageRender.Post(await statusPage.BuildAsync(from, to, days: false, cancellationToken).ConfigureAwait(false), zone),
        _ => await EngineeringAsync(from, to, zone, cancellationToken).ConfigureAwait(false),
    };

    private async Task<Reply> WeeklyReviewAsync(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var (atRisk, healthy) = await data.OverviewAsync(cancellationToken).ConfigureAwait(false);
        var incidents = await data.IncidentsAsync(from, to, cancellationToken).ConfigureAwait(false);
        var releases = await data.ReleasesAsync(from, cancellationToken).ConfigureAwait(false);
        var actions = await data.PreviousActionsAsync(from, cancellationToken).ConfigureAwait(false);
        var blocks = new List<ReplyBlock>
        {
            new TextBlock($"Time for the weekly SLO review of {Period(from, to, zone)}. Press **Start review** to walk the agenda in a thread."),
            new FieldsBlock(
            [
                new ReplyField("Services at risk", atRisk.Length == 0 ? "none" : string.Join(", ", atRisk.Select(h => h.Remaining is null ? $"{h.Service} (no data)" : $"{h.Service} ({BudgetFormat.Percent(h.Remaining)} {BudgetFormat.HealthWords(h.Status, h.Trend)})"))),
                new ReplyField("Services in good health", Count(healthy.Length, "service")),
                new ReplyField("Incidents", Incidents(incidents)),
                new ReplyField("Release decisions", Count(releases.Length, "decision") + (releases.Any(r => r.Pending) ? $", {Count(releases.Count(r => r.Pending), "pending review")}" : "")),
                new ReplyField("Action items", $"{Count(actions.Count(a => !a.Done), "open item")}, {Count(actions.Count(a => a.Done), "closed item")} since last week"),
            ]),
        };
        return new Reply
        {
            Header = $"Weekly SLO review · {Day(to, zone)}",
            Blocks = blocks,
            Buttons = [new ReplyButton(ReviewStarter.ButtonAction, "Start review", null, ButtonStyle.Primary), .. IncidentText.RetroButtons(incidents)],
            Summary = $"Weekly SLO review: {Count(atRisk.Length, "service")} at risk, {Count(incidents.Count(i => i.Counted), "incident")} this week",
            Data = new { kind = "weekly-review", from, to, atRisk, healthy = healthy.Length, incidents = incidents.Count(i => i.Counted), needRetro = incidents.Count(i => i.NeedsRetro), decisions = releases.Length, openActions = actions.Count(a => !a.Done) },
        };
    }

    private async Task<Reply> ExecutivesAsync(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var (atRisk, healthy) = await data.OverviewAsync(cancellationToken).ConfigureAwait(false);
        var incidents = await data.IncidentsAsync(from, to, cancellationToken).ConfigureAwait(false);
        var burns = await data.BurnRatesAsync(cancellationToken).ConfigureAwait(false);
        var all = atRisk.Concat(healthy).ToArray();
        var meeting = all.Count(h => h.Status != BudgetStatus.Exhausted.ToWord() && h.Status != BudgetStatus.NoData.ToWord()); // decided on the counts, not on a rounded share
        var counted = incidents.Where(i => i.Counted).ToArray();
        var downtime = TimeSpan.FromSeconds(counted.Sum(i => i.DurationSeconds));
        // A risk: under a fifth of the budget left (warning or worse), or gone within a week at the current rate.
        var risks = burns.Where(b => b.Remaining is null || b.Remaining < 0.2 || (b.ProjectedExhaustion is { } at && at - to <= TimeSpan.FromDays(7))).OrderBy(b => b.Remaining).Take(5).ToArray();
        var blocks = new List<ReplyBlock>
        {
            new TextBlock("**Business impact**"),
            new FieldsBlock(
            [
                new ReplyField("Services meeting their SLOs", $"{meeting} of {Count(all.Length, "service")}"),
                new ReplyField("Incidents", counted.Length == 0 ? "none" : $"{Incidents(incidents)}, {BudgetFormat.TwoUnits(downtime)} in all"),
            ]),
            new TextBlock("**Trends**"),
            new TextBlock(burns.Length == 0 ? "No SLOs in the catalog." : string.Join("\n", burns.Take(5).Select(b => $"• {b.Service} {b.Slo}: {b.Trend}, {BudgetFormat.Percent(b.Remaining)} of the budget left"))),
            new TextBlock("**Risks**"),
            new TextBlock(risks.Length == 0 ? "No error budget is at risk." : string.Join("\n", risks.Select(r =>
                r.Remaining is null ? $"• {r.Service} {r.Slo}: no SLI data over its window" : $"• {r.Service} {r.Slo}: {BudgetFormat.Percent(r.Remaining)} left, {r.Trend}" + (r.ProjectedExhaustion is { } at ? $", exhausted in {BudgetFormat.TwoUnits(at - to)} at the current burn" : "")))),
        };
        return new Reply
        {
            Header = $"SLO summary for executives · {Period(from, to, zone)}",
            Blocks = blocks,
            Summary = $"SLO summary: {meeting} of {Count(all.Length, "service")} meeting their SLOs, {Count(counted.Length, "incident")}",
            Data = new { kind = "executives", from, to, services = all.Length, meetingSlos = meeting, incidents = counted.Length, downtimeSeconds = downtime.TotalSeconds, risks },
        };
    }

    private async Task<Reply> ProductAsync(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var (atRisk, healthy) = await data.OverviewAsync(cancellationToken).ConfigureAwait(false);
        var releases = await data.ReleasesAsync(from, cancellationToken).ConfigureAwait(false);
        var byAction = releases.GroupBy(r => r.Action).ToDictionary(g => g.Key, g => g.Count());
        var shipped = byAction.GetValueOrDefault("approve");
        var split = balance is null ? null : await balance.ReadAsync(cancellationToken).ConfigureAwait(false);
        var blocks = new List<ReplyBlock>
        {
            new TextBlock("**Error budgets**"),
            new TableBlock(["service", "SLO", "budget left", "status"],
                [.. atRisk.Concat(healthy).Select(h => (IReadOnlyList<string>)[h.Service, h.Slo, BudgetFormat.Percent(h.Remaining), BudgetFormat.HealthWords(h.Status, h.Trend)])]),
            new TextBlock("**Release decisions**"),
            new TextBlock(releases.Length == 0 ? "No release decisions this period." : string.Join("\n", releases.Take(10).Select(r => $"• {r.Service} {r.Version}: {r.Action}{(r.Pending ? " (review pending)" : "")}"))),
            new FieldsBlock(
            [
                new ReplyField("Feature velocity", $"{Count(shipped, "release")} approved, {byAction.GetValueOrDefault("defer") + byAction.GetValueOrDefault("block")} deferred or blocked"),
            ]),
        };
        if (split is not null)
        {
            blocks.Add(new TextBlock("**Reliability vs features**"));
            blocks.Add(new TextBlock(BalanceReply.Line(split) + ". `/slo balance` for the rationale and recommendations."));
        }

        return new Reply
        {
            Header = $"SLO report for product · {Period(from, to, zone)}",
            Blocks = blocks,
            Summary = $"SLO report: {Count(atRisk.Length, "service")} at risk, {Count(shipped, "release")} approved",
            Data = new
            {
                kind = "product", from, to, atRisk,
                decisions = new { approve = shipped, review = byAction.GetValueOrDefault("review"), defer = byAction.GetValueOrDefault("defer"), block = byAction.GetValueOrDefault("block") },
                approved = shipped,
                balance = split?.ToData(),
            },
        };
    }

    private async Task<Reply> EngineeringAsync(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var (atRisk, healthy) = await data.OverviewAsync(cancellationToken).ConfigureAwait(false);
        var incidents = await data.IncidentsAsync(from, to, cancellationToken).ConfigureAwait(false);
        var open = (await data.PreviousActionsAsync(to, cancellationToken).ConfigureAwait(false)).Where(a => !a.Done).ToArray();
        var blocks = new List<ReplyBlock>
        {
            new TextBlock("**Current status**"),
            new TextBlock(atRisk.Length == 0
                ? $"All {Count(healthy.Length, "service")} healthy."
                : string.Join("\n", atRisk.Select(h => h.Remaining is null ? $"• {h.Service} {h.Slo}: no SLI data over its window" : $"• {h.Service} {h.Slo}: {BudgetFormat.Percent(h.Remaining)} left ({BudgetFormat.HealthWords(h.Status, h.Trend)}), burning {BudgetFormat.BurnRate(h.BurnRate1h)} over the last hour"))),
            new TextBlock("**Incidents**"),
            new TextBlock(incidents.Length == 0 ? "None since the last report (no published retrospective, no hour above the page burn rate)." : string.Join("\n", incidents.Select(IncidentText.Line))),
            new TextBlock("**Open action items**"),
            new TextBlock(open.Length == 0 ? "None." : string.Join("\n", open.Take(10).Select(a => $"• #{a.Id} {a.Task}" + (a.Owner is { } o ? $" ({o})" : "") + (a.Due is { } d ? $", due {d}" : "")))),
        };
        return new Reply
        {
            Header = $"SLO status for engineering · {Day(to, zone)}",
            Blocks = blocks,
            Buttons = IncidentText.RetroButtons(incidents),
            Summary = $"SLO status: {Count(atRisk.Length, "service")} at risk, {Count(incidents.Count(i => i.Counted), "incident")}, {Count(open.Length, "open action item")}",
            Data = new { kind = "engineering", from, to, atRisk, incidents, openActions = open },
        };
    }

    /// <summary>"2 incidents (1 from the data, no retrospective yet)", "none".</summary>
    private static string Incidents(IReadOnlyList<ReviewIncident> incidents)
    {
        var counted = incidents.Where(i => i.Counted).ToArray();
        var fromData = counted.Count(i => i.Episode);
        return counted.Length == 0 ? "none"
            : Count(counted.Length, "incident") + (fromData == 0 ? "" : $" ({fromData} from the data without a retrospective)");
    }

    private static string Period(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone) => $"{Day(from, zone)} to {Day(to, zone)}";

    private static string Day(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone).DateTime.ToOrdinalWords();

    private static string Count(int n, string noun) => noun.ToQuantity(n);
}
