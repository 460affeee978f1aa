using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using SloBot.Chat.Conversations;
using SloBot.Chat.Events;
using SloBot.Chat.Retrospectives;
using SloBot.Chat.Reviews;
using SloBot.Chat.Schedules;
using SloBot.Chat.Tests.Releases;
using Xunit;
using SloBot.Testing;

namespace SloBot.Chat.Tests.Reviews;

/// <summary>
/// Issue 12 item 8: a budget-consuming episode in the hourly history is an incident in the summaries and the review,
/// and one over 10 % of the budget without a retrospective gets a Start retro button that opens the retrospective
/// with its service and window, the timeline starting with SloBot's own release decisions in that window.
/// </summary>
public sealed class IncidentsFromDataTests
{
    private static readonly DateTimeOffset Noon = ReleaseTestHost.Monday;

    [Fact]
    public async Task Episode_CountedInSummariesAndReview_StartRetroOpensItWithServiceWindowAndTimeline()
    {
        var configuration = new ConfigurationBuilder().Build();
        using var host = new ReleaseTestHost(s => s.AddSloBotSchedules(configuration), conversations: true);
        // 100 bad an hour (100×) in the hours ending 13:00 and 14:00: 200 of a 720-event budget, 27.8 %.
        host.Traffic.Bad = (slo, end) => slo.Service == "payment" && (end == Noon + TimeSpan.FromHours(1) || end == Noon + TimeSpan.FromHours(2)) ? 100 : 0;
        var decision = (await host.AskAsync("/slo release payment v2.0.0 lines=80 coverage=95"))!; // recorded at 12:00, in the window
        host.Time.Advance(TimeSpan.FromHours(3));

        var engineering = (await host.AskAsync("/slo summary engineering"))!;
        var text = engineering.PlainText();
        Assert.Contains("• payment availability: Mon 23 Nov 12:00–14:00 UTC (2 hours 0 minutes), 200 bad events, 27.8 % of the budget — over 10 %, no retrospective yet", text, StringComparison.Ordinal);
        Assert.DoesNotContain("None since the last report", text, StringComparison.Ordinal);
        Assert.Contains("1 incident", engineering.Summary, StringComparison.Ordinal);
        var button = Assert.Single(engineering.Buttons);
        Assert.Equal((RetroStartButton.Action, "payment 2026-11-23T12:00Z/2026-11-23T14:00Z"), (button.ActionId, button.Value));

        var review = (await host.AskAsync("/slo summary review"))!;
        Assert.Equal("1 incident (1 from the data without a retrospective)", Field(review, "Incidents"));
        Assert.Contains(review.Buttons, b => b.ActionId == RetroStartButton.Action);
        var executives = (await host.AskAsync("/slo summary executives"))!;
        Assert.Equal("1 incident (1 from the data without a retrospective), 2 hours 0 minutes in all", Field(executives, "Incidents"));

        var incidents = await host.Get<ReviewData>().IncidentsAsync(Noon - TimeSpan.FromDays(7), host.Time.GetUtcNow(), CancellationToken.None);
        var episode = Assert.Single(incidents);
        Assert.Equal((true, "availability", 200.0, true), (episode.Episode, episode.Slo, episode.BadEvents, episode.NeedsRetro));
        var table = ReviewRender.IncidentsBlock(incidents);
        Assert.Contains("episode, no retrospective", string.Join(" ", ((Replies.TableBlock)table).Rows[0]), StringComparison.Ordinal);

        var started = (await host.ClickAsync(button.ActionId, button.Value, new ChatUser("U-SRE")))!;
        Assert.Contains("Started the (new) retrospective", started.PlainText(), StringComparison.Ordinal);
        var prompt = host.Transport.Posts.Last().Reply.PlainText();
        Assert.Contains("Understood: services payment · window", prompt, StringComparison.Ordinal);
        Assert.Contains("Incident id", prompt, StringComparison.Ordinal); // the id is asked at step 1, nothing was taken for it

        var record = (await host.Get<IConversationStore>().ListAsync(RetroFlow.FlowKind, activeOnly: true, 10, CancellationToken.None)).Single();
        var data = JsonNode.Parse(record.Data)!.AsObject();
        Assert.Equal("2026-11-23T12:00:00.0000000+00:00", data["window"]!["start"]!.GetValue<string>());
        var entry = Assert.Single(data["timeline"]!.AsArray());
        var id = ((SloBot.Chat.Releases.ReleaseDecisionData)decision.Data!).DecisionId;
        Assert.Equal($"12:00 — SloBot release decision {id}: payment v2.0.0 → approve", entry!["text"]!.GetValue<string>());
    }

    private static string Field(Replies.Reply reply, string label) =>
        reply.Blocks.OfType<Replies.FieldsBlock>().SelectMany(f => f.Fields).Single(f => f.Label == label).Value;
}
