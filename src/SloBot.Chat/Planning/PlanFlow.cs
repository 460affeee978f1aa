using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SloBot.Chat.Conversations;
using SloBot.Chat.Documents;
using SloBot.Chat.Replies;
using SloBot.Core.Planning;
using SloBot.Core.Sli;

namespace SloBot.Chat.Planning;

/// <summary>
/// Seed 004's 4-week planning schedule as a conversation in a thread: week 1 review (the data gathered when the
/// conversation starts, stored so the plan shows what the team saw), week 2 targets (the proposals, or the team's),
/// week 3 roadmap (the team rates effort and impact; ordered by impact ÷ effort), week 4 approval; publishing records
/// the approved targets, which apply from the quarter's start.
/// </summary>
internal sealed class PlanFlow(QuarterPlanReader reader, IPlanStore plans, PublishedDocuments<PlanDocument> documents, ApprovedTargets approvedTargets) : ConversationFlow
{
    public const string FlowKind = "plan";

    private IReadOnlyList<FlowStep>? _steps;

    public override string Kind => FlowKind;

    public override int Version => 1;

    public override string Noun => "quarterly plan";

    public override string ResumeCommand => "plan resume";

    public override IReadOnlyList<FlowStep> Steps => _steps ??=
    [
        new("review", "Week 1 · Review", "Last quarter's SLO performance, budget use, episodes and retrospectives. Note gaps and user feedback, or `skip`.", "Checkout users complained about slow search in November")
        {
            OnEnter = GatherAsync,
            Show = c => c.Text("_error") is { } error
                ? [new TextBlock($"⚠️ The data could not be gathered: the SLI source failed ({error}). Go `back` and forward again to retry.")]
                : PlanRender.ReviewBlocks(Slos(c), Meta(c, "reviewed"), Meta(c, "complete") == "true"),
        },
        new("targets", "Week 2 · Targets", "The proposals of seed 004 with their budget in minutes. `accept` them, or set targets in percent: one or more `service slo target`.", "search availability 99.85")
        {
            Show = c => [PlanRender.TargetsBlock(Slos(c), approved: false)],
            Parse = (t, c) => PlanAnswers.Targets(t, Slos(c)),
        },
        new("roadmap", "Week 3 · Roadmap", "Rate each item SloBot cannot estimate: `N effort=WEEKS impact=POINTS` (engineer-weeks; SLI points it should gain). `next` when done.", "1 effort=3")
        {
            Kind = StepKind.List,
            OnEnter = WorkAsync,
            Show = c => [WorkBlock(Work(c))],
            Parse = (t, c) => PlanAnswers.Rating(t, Work(c)),
        },
        new("approval", "Week 4 · Approval", "Stakeholders' feedback and the decision (or `skip`); then `publish` records the approved targets.", "Approved by the product leads; search gets the reliability sprint in February"),
        new("publish", "Approve and publish", "Here is the plan. `publish` approves it: the targets apply from the quarter's start.", "publish") { Kind = StepKind.Review },
    ];

    public static JsonObject StartData(Quarter quarter) => new() { ["_quarter"] = quarter.ToString() };

    public override async Task PersistAsync(StepContext context, CancellationToken cancellationToken)
    {
        var doc = Build(context, StoredRatings(context));
        var quarter = QuarterOf(context);
        var ratings = PlanAnswers.Ratings(context.List("roadmap"), new Dictionary<string, InitiativeRating>());
        await plans.SaveRatingsAsync(quarter, ratings, context.Record.StartedBy, context.Now, cancellationToken).ConfigureAwait(false);
        var approved = doc.Slos.Where(s => s.ApprovedPercent is not null).Select(s => new ApprovedTarget(
            s.Service, s.Slo, PlanData.Ratio(s.ApprovedPercent!.Value), PlanData.Ratio(s.TargetPercent), doc.Quarter, doc.QuarterStart, doc.Id, context.Record.StartedBy, context.Now)).ToArray();
        await plans.ApproveAsync(quarter, approved, cancellationToken).ConfigureAwait(false);
        await documents.SaveAsync(doc, cancellationToken).ConfigureAwait(false);
        await approvedTargets.RefreshAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task<Reply> CompletedAsync(StepContext context, CancellationToken cancellationToken) =>
        PlanRender.Reply(await documents.FindAsync(context.Record.Id, cancellationToken).ConfigureAwait(false) ?? Build(context, new Dictionary<string, InitiativeRating>()));

    public override IReadOnlyList<ReplyBlock> Summary(StepContext context) => PlanRender.Blocks(Build(context, StoredRatings(context)));

    private async Task GatherAsync(StepContext c, CancellationToken ct)
    {
        c.Data.Remove("_error");
        var quarter = QuarterOf(c);
        try
        {
            var stored = await plans.RatingsAsync(quarter, ct).ConfigureAwait(false);
            var draft = await reader.ReadAsync(quarter, stored, ct).ConfigureAwait(false);
            c.Data["snap_slos"] = Node(PlanSnapshot.Lines(draft));
            c.Data["snap_actions"] = Node(PlanSnapshot.ActionItems(draft));
            c.Data["snap_ratings"] = Node(stored);
            c.Data["_meta"] = new JsonObject
            {
                ["timeZone"] = draft.TimeZone,
                ["start"] = draft.PlannedStart.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
                ["end"] = draft.PlannedEnd.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
                ["reviewed"] = draft.Reviewed.Quarter.ToString(),
                ["complete"] = draft.Reviewed.Complete ? "true" : "false",
                ["before"] = draft.Before.Quarter.ToString(),
            };
        }
        catch (SliSourceException ex)
        {
            c.Data["_error"] = ex.Message;
        }
    }

    private static Task WorkAsync(StepContext c, CancellationToken ct)
    {
        var settled = PlanAnswers.Settled(Slos(c), c.Data["targets"]);
        c.Data["snap_work"] = Node(PlanSnapshot.Work(settled, Get<PlanWorkLine>(c, "snap_actions"), StoredRatings(c)));
        return Task.CompletedTask;
    }

    private static PlanDocument Build(StepContext c, IReadOnlyDictionary<string, InitiativeRating> stored)
    {
        var slos = PlanAnswers.Settled(Slos(c), c.Data["targets"]);
        var ratings = PlanAnswers.Ratings(c.List("roadmap"), stored);
        var (ordered, unrated, effort, improvement) = PlanSnapshot.Order(PlanSnapshot.Work(slos, Get<PlanWorkLine>(c, "snap_actions"), ratings));
        return new PlanDocument(
            c.Record.Id, QuarterOf(c).ToString(), Meta(c, "timeZone"), Instant(Meta(c, "start")), Instant(Meta(c, "end")),
            Meta(c, "reviewed"), Meta(c, "complete") == "true", Meta(c, "before"), slos, c.Text("review"), ordered, unrated, effort, improvement,
            c.Text("approval"), c.Record.StartedBy, c.Now);
    }

    private static ReplyBlock WorkBlock(IReadOnlyList<PlanWorkLine> work) => work.Count == 0
        ? new TextBlock("Nothing to rate: no settled target is above what was achieved, and no action item is open. `next` moves on.")
        : new TextBlock("**Reliability work** (impact: SLI points; effort: engineer-weeks)\n" + string.Join("\n", work.Select((w, i) =>
            $"{i + 1}. {w.Title} — impact {(w.ImpactPoints is { } p ? PlanText.Points(p) + (w.Source == "gap" ? " (the gap)" : "") : "?")}, effort {(w.EffortWeeks is { } e ? PlanText.Weeks(e) : "?")}")));

    private static IReadOnlyList<PlanWorkLine> Work(StepContext c)
    {
        var work = Get<PlanWorkLine>(c, "snap_work");
        var ratings = PlanAnswers.Ratings(c.List("roadmap"), new Dictionary<string, InitiativeRating>());
        return work.Select(w => ratings.GetValueOrDefault(w.Key) is { } r ? w with { ImpactPoints = r.ImpactPoints ?? w.ImpactPoints, EffortWeeks = r.EffortWeeks ?? w.EffortWeeks } : w).ToArray();
    }

    private static Quarter QuarterOf(StepContext c) =>
        Quarter.TryParse(c.Text("_quarter"), c.Now, c.Zone, out var q) ? q : throw new InvalidOperationException($"plan conversation {c.Record.Id} has no quarter");

    private static IReadOnlyList<PlanSloLine> Slos(StepContext c) => Get<PlanSloLine>(c, "snap_slos");

    private static IReadOnlyDictionary<string, InitiativeRating> StoredRatings(StepContext c) =>
        c.Data["snap_ratings"]?.Deserialize<Dictionary<string, InitiativeRating>>(DocumentJson.Options) ?? [];

    private static string Meta(StepContext c, string key) => c.Data["_meta"]?[key]?.GetValue<string>() ?? "";

    private static DateTimeOffset Instant(string text) => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var at) ? at : DateTimeOffset.UnixEpoch;

    private static T[] Get<T>(StepContext c, string key) => c.Data[key]?.Deserialize<T[]>(DocumentJson.Options) ?? [];

    private static JsonNode? Node<T>(T value) => JsonSerializer.SerializeToNode(value, DocumentJson.Options);
}
