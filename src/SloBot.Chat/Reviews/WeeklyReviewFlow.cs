using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SloBot.Chat.ActionItems;
using SloBot.Chat.Conversations;
using SloBot.Chat.Documents;
using SloBot.Chat.Replies;
using SloBot.Chat.Retrospectives;
using SloBot.Core.Sli;

namespace SloBot.Chat.Reviews;

/// <summary>
/// The weekly SLO review of seed 004's agenda: each item shows the data gathered when the review reaches it (stored
/// in the conversation, so the published document shows what the team saw), and takes a decision or note.
/// </summary>
internal sealed partial class WeeklyReviewFlow(ReviewData reviewData, IActionItemStore actions, PublishedDocuments<WeeklyReviewDocument> reviews) : ConversationFlow
{
    public const string FlowKind = "review";

    private IReadOnlyList<FlowStep>? _steps;

    public override string Kind => FlowKind;

    public override int Version => 1;

    public override string Noun => "weekly review";

    public override string ResumeCommand => "review resume";

    public override IReadOnlyList<FlowStep> Steps => _steps ??=
    [
        Agenda("overview", "SLO status overview", "Services at risk and in good health, from live budgets.", "Payment needs a reliability sprint",
            async (c, ct) => { var (risk, ok) = await reviewData.OverviewAsync(ct).ConfigureAwait(false); c.Data["snap_overview"] = Node(new { atRisk = risk, healthy = ok }); },
            c => ReviewRender.OverviewBlocks(Get<ServiceHealth>(c, "snap_overview", "atRisk"), Get<ServiceHealth>(c, "snap_overview", "healthy"))),
        Agenda("incidents", "This week's incidents", "Incidents this week and the error budget each consumed: published retrospectives, and the episodes the data shows (hours burning faster than the page rule).", "INC-2041 retro done; start one for the Tuesday payment episode",
            async (c, ct) => c.Data["snap_incidents"] = Node(await reviewData.IncidentsAsync(Week(c).From, Week(c).To, ct).ConfigureAwait(false)),
            c => [ReviewRender.IncidentsBlock(Get<ReviewIncident>(c, "snap_incidents")), .. ReviewRender.RetroHints(Get<ReviewIncident>(c, "snap_incidents"))]),
        Agenda("budget", "Error budget analysis", "Burn rates over 1 h / 6 h / 3 d and projected exhaustion.", "Investigate the payment slow burn",
            async (c, ct) => c.Data["snap_burn"] = Node(await reviewData.BurnRatesAsync(ct).ConfigureAwait(false)),
            c => [ReviewRender.BurnBlock(Get<BurnAnalysis>(c, "snap_burn"))]),
        Agenda("releases", "Release decisions", "Pending release decisions and those made this week.", "Payment v1.5.0 stays deferred until the budget recovers",
            async (c, ct) => c.Data["snap_releases"] = Node(await reviewData.ReleasesAsync(Week(c).From, ct).ConfigureAwait(false)),
            c => [ReviewRender.ReleasesBlock(Get<ReleaseLine>(c, "snap_releases"))]),
        Agenda("adjustments", "SLO adjustments", "Proposed changes to targets. Record the decision.", "Keep search at 99 %; revisit next quarter",
            async (c, ct) => c.Data["snap_proposals"] = Node(await reviewData.ProposalsAsync(ct).ConfigureAwait(false)),
            c => [ReviewRender.ProposalsBlock(Get<SloProposal>(c, "snap_proposals"))]),
        new("previous_actions", "Last week's action items", "Mark the finished ones (`done 3 5`); the rest are carried forward. Notes are welcome too; `next` moves on.", "done 3 5")
        {
            Kind = StepKind.List,
            OnEnter = async (c, ct) => c.Data["snap_actions"] = Node(await reviewData.PreviousActionsAsync(Week(c).From, ct).ConfigureAwait(false)),
            Show = c => [ReviewRender.ActionsBlock(Get<ActionLine>(c, "snap_actions"))],
            Parse = PreviousActions,
        },
        new("new_actions", "This week's new actions", "One per message: owner, task, due date or horizon.", "@bob investigate the payment slow burn by friday")
        {
            Kind = StepKind.List,
            Parse = (t, c) => ActionItemText.Understand(t, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(c.Now, c.Zone).DateTime)),
        },
        new("review", "Review the draft", "Here is the whole review.", "publish") { Kind = StepKind.Review },
    ];

    public static JsonObject StartData(DateTimeOffset now) => new()
    {
        ["_week"] = new JsonObject { ["from"] = now.AddDays(-7).ToString("O", CultureInfo.InvariantCulture), ["to"] = now.ToString("O", CultureInfo.InvariantCulture) },
    };

    public override async Task PersistAsync(StepContext context, CancellationToken cancellationToken)
    {
        var draft = ReviewDocumentBuilder.Build(context, this);
        foreach (var done in draft.PreviousActionsDone.Where(a => !WasDoneBefore(context, a.Id)))
            await actions.MarkDoneAsync(done.Id, context.Record.StartedBy, context.Now, cancellationToken).ConfigureAwait(false);
        var news = context.List("new_actions").Select((n, i) => ActionItemText.ToNew(i, n!)).ToArray();
        var stored = await actions.AddAsync(context.Record.Id, $"weekly review {context.Record.Title}", news, context.Now, cancellationToken).ConfigureAwait(false);
        var document = draft with { NewActions = stored.Select(s => new ActionLine(s.Id, s.Task, s.Owner, s.Due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), false, s.SourceTitle)).ToArray() };
        await reviews.SaveAsync(document, cancellationToken).ConfigureAwait(false);
    }

    public override async Task<Reply> CompletedAsync(StepContext context, CancellationToken cancellationToken) =>
        ReviewRender.Reply(await reviews.FindAsync(context.Record.Id, cancellationToken).ConfigureAwait(false) ?? ReviewDocumentBuilder.Build(context, this));

    public override IReadOnlyList<ReplyBlock> Summary(StepContext context) => ReviewRender.Blocks(ReviewDocumentBuilder.Build(context, this));

    internal static (DateTimeOffset From, DateTimeOffset To) Week(StepContext c) => (
        DateTimeOffset.Parse(c.Data["_week"]!["from"]!.GetValue<string>(), CultureInfo.InvariantCulture),
        DateTimeOffset.Parse(c.Data["_week"]!["to"]!.GetValue<string>(), CultureInfo.InvariantCulture));

    internal static T[] Get<T>(StepContext c, string key, string? member = null)
    {
        var node = member is null ? c.Data[key] : c.Data[key]?[member];
        return node?.Deserialize<T[]>(DocumentJson.Options) ?? [];
    }

    private static JsonNode? Node<T>(T value) => JsonSerializer.SerializeToNode(value, DocumentJson.Options);

    private static bool WasDoneBefore(StepContext c, int id) => Get<ActionLine>(c, "snap_actions").Any(a => a.Id == id && a.Done);

    /// <summary>An agenda item: gathers its data on arrival; a failing SLI source is shown, not fatal (the team can still take notes).</summary>
    private static FlowStep Agenda(string name, string title, string what, string example, Func<StepContext, CancellationToken, Task> gather, Func<StepContext, IReadOnlyList<ReplyBlock>> show) =>
        new(name, title, what + " Record a decision or note, or `skip`.", example)
        {
            OnEnter = async (c, ct) =>
            {
                c.Data.Remove("_error_" + name);
                try
                {
                    await gather(c, ct).ConfigureAwait(false);
                }
                catch (SliSourceException ex)
                {
                    c.Data["_error_" + name] = ex.Message;
                }
            },
            Show = c => c.Text("_error_" + name) is { } error
                ? [new TextBlock($"⚠️ The data for this item could not be gathered: the SLI source failed ({error}). Go `back` and forward again to retry."), .. show(c)]
                : show(c),
        };

    private static StepAnswer PreviousActions(string text, StepContext context)
    {
        var m = DoneWords().Match(text.Trim());
        if (!m.Success)
            return StepAnswer.Text(text, "Note");
        var ids = NumberWords().Matches(m.Groups["ids"].Value).Select(x => int.Parse(x.Value, CultureInfo.InvariantCulture)).Distinct().ToArray();
        var open = Get<ActionLine>(context, "snap_actions").Where(a => !a.Done).ToArray();
        var unknown = ids.Where(id => open.All(a => a.Id != id)).ToArray();
        if (unknown.Length > 0)
            return StepAnswer.Reject($"{string.Join(", ", unknown.Select(u => $"#{u}"))} {(unknown.Length == 1 ? "is" : "are")} not open (open: {(open.Length == 0 ? "none" : string.Join(", ", open.Select(a => $"#{a.Id}")))})");
        var list = string.Join(", ", ids.Select(i => $"#{i}"));
        return StepAnswer.Accept(new JsonObject { ["text"] = $"done {list}", ["done"] = new JsonArray(ids.Select(i => (JsonNode)JsonValue.Create(i)!).ToArray()) }, $"Marked done: {list} ✔ (stored when the review is published)");
    }

    [GeneratedRegex(@"^(?:done|closed|finished|completed)\s*[:]?\s*(?<ids>#?\d+(?:[\s,and]+#?\d+)*)$", RegexOptions.IgnoreCase)]
    private static partial Regex DoneWords();

    [GeneratedRegex(@"\d+")]
    private static partial Regex NumberWords();
}
