using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SloBot.Chat.ActionItems;
using SloBot.Chat.Conversations;
using SloBot.Chat.Documents;

namespace SloBot.Chat.Retrospectives;

/// <summary>The conversation's answers → a <see cref="RetrospectiveDocument"/>.</summary>
internal static class RetroDocumentBuilder
{
    public static RetrospectiveDocument Build(StepContext context)
    {
        var d = context.Data;
        var range = RetroAnswers.Range(d);
        var impact = d["slo_impact"]?["items"] is JsonArray items
            ? items.Deserialize<SloImpact[]>(DocumentJson.Options) ?? []
            : [];
        var note = context.Text("impact");
        return new RetrospectiveDocument(
            context.Record.Id,
            context.Text("incident") ?? context.Record.Title,
            RetroAnswers.ServiceNames(d),
            range?.Start ?? context.Record.CreatedAt,
            range?.End ?? context.Record.CreatedAt,
            impact,
            note is "confirmed" ? null : note,
            d["slo_impact"]?["error"]?.GetValue<string>(),
            context.List("timeline").Select(Entry).OrderBy(e => e.At ?? DateTimeOffset.MaxValue).ToArray(),
            context.Text("root_cause"),
            Texts(context.List("contributing")),
            context.Text("not_caught"),
            context.Text("user_impact"),
            Texts(context.List("went_well")),
            Texts(context.List("went_wrong")),
            context.List("actions").Select((a, i) =>
            {
                var n = ActionItemText.ToNew(i, a!);
                return new RetroActionItem(null, n.Task, n.Owner, n.Due, n.Horizon);
            }).ToArray(),
            context.Text("slo_adjustments"),
            context.Text("follow_up"),
            context.Record.StartedBy,
            context.Now,
            LenientTime.ZoneName(context.Zone));
    }

    private static TimelineEntry Entry(JsonNode? node) => new(
        node?["at"]?.GetValue<string>() is { } at ? DateTimeOffset.Parse(at, CultureInfo.InvariantCulture) : null,
        node?["event"]?.GetValue<string>() ?? ConversationSummary.AnswerText(node));

    private static string[] Texts(JsonArray list) => list.Select(ConversationSummary.AnswerText).ToArray();
}
