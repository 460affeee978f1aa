using System.Text.Json.Nodes;
using SloBot.Chat.Conversations;
using static SloBot.Chat.Reviews.WeeklyReviewFlow;

namespace SloBot.Chat.Reviews;

/// <summary>The review conversation's snapshots and answers → a <see cref="WeeklyReviewDocument"/>.</summary>
internal static class ReviewDocumentBuilder
{
    public static WeeklyReviewDocument Build(StepContext c, ConversationFlow flow)
    {
        var (from, to) = Week(c);
        var marked = c.List("previous_actions").SelectMany(n => n?["done"] as JsonArray ?? []).Select(n => n!.GetValue<int>()).ToHashSet();
        var previous = Get<ActionLine>(c, "snap_actions");
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var step in flow.Steps.Where(s => s.Kind != StepKind.Review && s.Name != "new_actions"))
        {
            var answers = step.Kind == StepKind.List
                ? c.List(step.Name).Where(n => n?["done"] is null).Select(ConversationSummary.AnswerText).ToArray()
                : c.Data[step.Name] is { } v ? [ConversationSummary.AnswerText(v)] : [];
            if (answers.Length > 0)
                notes[step.Title] = string.Join("\n", answers);
        }

        return new WeeklyReviewDocument(
            c.Record.Id,
            c.Record.Title,
            from,
            to,
            Get<ServiceHealth>(c, "snap_overview", "atRisk"),
            Get<ServiceHealth>(c, "snap_overview", "healthy"),
            Get<ReviewIncident>(c, "snap_incidents"),
            Get<BurnAnalysis>(c, "snap_burn"),
            Get<ReleaseLine>(c, "snap_releases"),
            Get<SloProposal>(c, "snap_proposals"),
            previous.Where(a => a.Done || marked.Contains(a.Id)).Select(a => a with { Done = true }).ToArray(),
            previous.Where(a => !a.Done && !marked.Contains(a.Id)).ToArray(),
            c.List("new_actions").Select((n, i) =>
            {
                var a = ActionItems.ActionItemText.ToNew(i, n!);
                return new ActionLine(0, a.Task, a.Owner, a.Due?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), false, c.Record.Title);
            }).ToArray(),
            notes,
            c.Record.StartedBy,
            c.Now);
    }
}
