using System.Text.Json;
using System.Text.Json.Nodes;
using SloBot.Chat.ActionItems;
using SloBot.Chat.Budgets;
using SloBot.Chat.Conversations;
using SloBot.Chat.Documents;
using SloBot.Chat.Replies;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;

namespace SloBot.Chat.Retrospectives;

/// <summary>
/// The incident retrospective of seed 004 ("Retrospective Template"), step by step. The SLO impact is computed from
/// the SLI source when the conversation reaches it; publishing stores the document and its action items.
/// </summary>
internal sealed class RetroFlow(ISloCatalog catalog, ISliSource source, BudgetQuery budgets, PublishedDocuments<RetrospectiveDocument> retros, IActionItemStore actions) : ConversationFlow
{
    public const string FlowKind = "retro";

    private IReadOnlyList<FlowStep>? _steps;

    public override string Kind => FlowKind;

    public override int Version => 1;

    public override string Noun => "retrospective";

    public override string ResumeCommand => "retro resume";

    public override IReadOnlyList<FlowStep> Steps => _steps ??=
    [
        new("incident", "Incident id", "Which incident is this about?", "INC-2041") { Optional = false, Parse = (t, _) => RetroAnswers.Incident(t) },
        new("services", "Services affected", "Which services were affected? Several are fine.", "payment, order") { Optional = false, Parse = (t, _) => RetroAnswers.Services(t, catalog) },
        new("window", "Start and end", "When did it start and end? Times without a zone are read in the configured zone.", "14:00-16:15 · yesterday 2pm to 4:15pm · 2025-01-15T14:00Z/2025-01-15T16:15Z")
        {
            Optional = false,
            Parse = RetroAnswers.Window,
        },
        new("impact", "SLO impact", "This is what the SLI source counted for the incident window. Say `ok`, or add a note (it is kept with the numbers). To recount, go `back` and give the window again.", "ok")
        {
            OnEnter = ComputeImpactAsync,
            Show = c => [RetroRender.ImpactBlock(c.Data["slo_impact"])],
            Parse = (t, _) => RetroAnswers.ImpactNote(t),
        },
        new("timeline", "Timeline", "What happened when? One entry per message, starting with the time.", "14:18 PagerDuty alert fired")
        {
            Kind = StepKind.List,
            Parse = RetroAnswers.Timeline,
            Show = c => c.List("timeline").Count == 0 ? [] : [new TextBlock("**Timeline so far** (SloBot's own alerts and release decisions in the window come first):\n" + string.Join("\n", c.List("timeline").Select(n => "• " + ConversationSummary.AnswerText(n))))],
        },
        new("root_cause", "Primary root cause", "What was the primary cause?", "Connection pool exhaustion: the new code path had no connection timeout") { Optional = false },
        new("contributing", "Contributing factors", "What else contributed? One per message.", "Load tests did not cover connection pool limits") { Kind = StepKind.List },
        new("not_caught", "Why it was not caught earlier", "Why did tests, staging or monitoring not catch it?", "Integration tests used a lightweight database"),
        new("user_impact", "User and business impact", "Who noticed, and what did it cost?", "~15,000 users affected, ~2,500 failed payments, 45 support tickets"),
        new("went_well", "What went well", "One per message.", "Alert fired within 3 minutes") { Kind = StepKind.List },
        new("went_wrong", "What went wrong", "One per message.", "No canary deployment") { Kind = StepKind.List },
        new("actions", "Action items", "One per message: owner, task, due date or horizon (this week / this month / this quarter).", "@alice add connection pool alerting by friday")
        {
            Kind = StepKind.List,
            Parse = (t, c) => ActionItemText.Understand(t, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(c.Now, c.Zone).DateTime)),
        },
        new("slo_adjustments", "SLO adjustments", "Should any SLO change because of this?", "No SLO changes: the bug was preventable, the target is right"),
        new("follow_up", "Follow-up meeting", "When is the follow-up, and what is on its agenda?", "2026-11-30: review action item progress, validate fixes in staging"),
        new("review", "Review the draft", "Here is the whole draft.", "publish") { Kind = StepKind.Review },
    ];

    public override async Task PersistAsync(StepContext context, CancellationToken cancellationToken)
    {
        var draft = RetroDocumentBuilder.Build(context);
        var items = draft.ActionItems.Select((a, i) => new NewActionItem(i, a.Task, a.Owner, a.Due, a.Horizon)).ToArray();
        var stored = await actions.AddAsync(context.Record.Id, draft.IncidentId, items, context.Now, cancellationToken).ConfigureAwait(false);
        var document = draft with { ActionItems = draft.ActionItems.Select((a, i) => a with { Id = stored[i].Id }).ToArray() };
        await retros.SaveAsync(document, cancellationToken).ConfigureAwait(false);
    }

    public override async Task<Reply> CompletedAsync(StepContext context, CancellationToken cancellationToken)
    {
        var document = await retros.FindAsync(context.Record.Id, cancellationToken).ConfigureAwait(false) ?? RetroDocumentBuilder.Build(context);
        return RetroRender.Reply(document);
    }

    /// <summary>The incident id, once known: a retrospective started without one is titled by the answer to step 1.</summary>
    public override string? TitleOf(JsonObject data) => data["incident"]?.GetValue<string>();

        public override IReadOnlyList<ReplyBlock> Summary(StepContext context) => RetroRender.Blocks(RetroDocumentBuilder.Build(context));

    private async Task ComputeImpactAsync(StepContext context, CancellationToken cancellationToken)
    {
        var range = RetroAnswers.Range(context.Data);
        var slos = RetroAnswers.ServiceNames(context.Data).SelectMany(n => catalog.FindService(n)?.Slos ?? []).ToArray();
        if (range is null || slos.Length == 0)
        {
            context.Data["slo_impact"] = new JsonObject { ["error"] = "the services or the window are missing, so nothing could be counted" };
            return;
        }

        try
        {
            var impact = await SloImpact.ComputeAsync(source, budgets, slos, range.Value.Start, range.Value.End, cancellationToken).ConfigureAwait(false);
            context.Data["slo_impact"] = new JsonObject { ["items"] = JsonSerializer.SerializeToNode(impact, DocumentJson.Options) };
        }
        catch (SliSourceException ex)
        {
            context.Data["slo_impact"] = new JsonObject { ["error"] = $"the SLI source failed: {ex.Message}" };
        }
    }
}
