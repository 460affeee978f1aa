using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat;
using SloBot.Chat.Conversations;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using SloBot.Slack.Tests.Emulator;
using SloBot.Chat.Budgets;
using SloBot.Chat.Catalog;
using SloBot.Chat.Releases;
using SloBot.Chat.Tiers;
using SloBot.Chat.Design;
using SloBot.Chat.Journeys;
using SloBot.Chat.Retrospectives;
using SloBot.Chat.Reviews;
using SloBot.Testing;

namespace SloBot.Slack.Tests.Conversations;

/// <summary>A full retrospective and a full weekly review driven through the Slack emulator: slash command, thread replies, buttons.</summary>
public sealed class RetrospectiveThroughSlackTests : IAsyncLifetime
{
    private SlackEmulator _slack = null!;
    private SlackTestHost _host = null!;
    private int _ts = 100;

    public async Task InitializeAsync()
    {
        _slack = await SlackEmulator.StartAsync();
        _host = await SlackTestHost.StartAsync(_slack, s =>
        {
            s.AddSloBotChat().AddBudgets().AddCatalogCommand().AddReleases().AddTiers().AddDesign().AddJourneys();
            s.AddSloBotConversations(new ConfigurationBuilder().Build()).AddRetrospectives().AddReviews();
            s.AddSingleton<ISloCatalog>(new InMemorySloCatalog(
                [new ServiceDefinition("payment", [new SloDefinition("payment", "availability", 0.999, TimeSpan.FromDays(30), SliQuery.EmbeddedOnly)])]));
            s.AddSingleton<ISliSource>(new SyntheticTraffic
            {
                IncidentStart = new DateTimeOffset(2026, 11, 20, 14, 0, 0, TimeSpan.Zero),
                IncidentEnd = new DateTimeOffset(2026, 11, 20, 14, 45, 0, TimeSpan.Zero),
            }.Source());
        });
        await _slack.WaitForSocketAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task FullRetrospective_InAThread_EndsInThePublishedDocument()
    {
        await _slack.SendAsync(SlackEnvelopes.SlashCommand("retro start INC-2041 payment 2026-11-20T14:00Z/2026-11-20T16:15Z", _slack.NewResponseUrl(out _)));
        var started = await Logged(SlackEmulator.WaitForAsync(() => _slack.CallsOf("response_url").FirstOrDefault(), "the answer to the command"));
        Assert.Contains("Started the INC-2041 retrospective", Text(started.Body));
        var opening = _slack.CallsOf("chat.postMessage")[0];
        Assert.Null(opening.Str("thread_ts"));
        var thread = await SlackEmulator.WaitForAsync(() => _slack.CallsOf("chat.postMessage").Skip(1).FirstOrDefault()?.Str("thread_ts"), "the first question in the thread");
        Assert.Contains("SLO impact", Text(_slack.CallsOf("chat.postMessage")[1].Body));
        Assert.Contains($"in a thread: https://acme.slack.com/archives/C0PAYMENTS/p{thread.Replace(".", "", StringComparison.Ordinal)}", Text(started.Body), StringComparison.Ordinal); // the permalink

        string[] answers = ["ok", "14:18 PagerDuty alert fired", "next", "Connection pool exhaustion", "next", "skip", "skip", "next", "next", "@alice add pool alerting by friday", "next", "skip", "skip"];
        foreach (var answer in answers)
            await SayAsync(thread, answer);
        Assert.Contains("Timeline entry 14:18 — PagerDuty alert fired ✔", ThreadPosts(thread)[2]);
        var review = _slack.CallsOf("chat.postMessage").Last();
        Assert.Contains("Review the draft", Text(review.Body));

        var publish = Button(review.Body, "Publish");
        await _slack.SendAsync(SlackEnvelopes.Interactive(SlackEnvelopes.BlockActions(publish.ActionId, publish.Value, _slack.NewResponseUrl(out _), threadTs: thread)));
        var document = await SlackEmulator.WaitForAsync(
            () => _slack.Calls.FirstOrDefault(c => Text(c.Body).Contains("Incident Retrospective: INC-2041", StringComparison.Ordinal)), "the published document");
        Assert.Contains("Connection pool exhaustion", Text(document.Body));

        // a second click on the same (now stale) button
        var before = _slack.Calls.Count;
        await _slack.SendAsync(SlackEnvelopes.Interactive(SlackEnvelopes.BlockActions(publish.ActionId, publish.Value, _slack.NewResponseUrl(out _), threadTs: thread)));
        var stale = await SlackEmulator.WaitForAsync(() => _slack.Calls.Skip(before).FirstOrDefault(c => Text(c.Body).Contains("already done", StringComparison.Ordinal)), "the stale-button answer");
        Assert.NotNull(stale);
    }

    /// <summary>
    /// Issue 13 items 8, 13 and 14: broadcast mentions typed into the answers ping nobody, an action item that starts with
    /// its owner's mention keeps it (only SloBot's own leading mention is dropped), and text typed in the thread after
    /// publishing gets an answer.
    /// </summary>
    [Fact]
    public async Task Retrospective_WithMentionsInTheAnswers_NeutralisesBroadcasts_KeepsOwners_AndAnswersAfterPublishing()
    {
        await _slack.SendAsync(SlackEnvelopes.SlashCommand("retro start INC-2042 payment 2026-11-20T14:00Z/2026-11-20T16:15Z", _slack.NewResponseUrl(out _)));
        var thread = await SlackEmulator.WaitForAsync(() => _slack.CallsOf("chat.postMessage").Skip(1).FirstOrDefault()?.Str("thread_ts"), "the first question in the thread");

        string[] answers = ["ok", "14:18 <!channel> paged", "next", "Connection pool exhaustion <!here>", "next", "skip", "<@U0BOT> skip", "next", "next",
            "<@U0DAVE> add pool alerting by friday <!subteam^S0ONCALL|@oncall> <!everyone>", "next", "skip", "skip"];
        foreach (var answer in answers)
            await SayAsync(thread, answer);
        var review = _slack.CallsOf("chat.postMessage").Last();
        var publish = Button(review.Body, "Publish");
        await _slack.SendAsync(SlackEnvelopes.Interactive(SlackEnvelopes.BlockActions(publish.ActionId, publish.Value, _slack.NewResponseUrl(out _), threadTs: thread)));
        var document = Text((await SlackEmulator.WaitForAsync(
            () => _slack.Calls.FirstOrDefault(c => Text(c.Body).Contains("Incident Retrospective: INC-2042", StringComparison.Ordinal)), "the published document")).Body);

        Assert.Contains("&lt;!channel&gt; paged", document, StringComparison.Ordinal);
        Assert.Contains("Connection pool exhaustion &lt;!here&gt;", document, StringComparison.Ordinal);
        Assert.Contains("#1 Add pool alerting &lt;!subteam^S0ONCALL|@oncall&gt; &lt;!everyone&gt; (Owner: <@U0DAVE>,", document, StringComparison.Ordinal);
        foreach (var call in _slack.Calls)
        {
            var sent = Text(call.Body);
            Assert.DoesNotContain("<!", sent, StringComparison.Ordinal); // no broadcast token reaches Slack unescaped
            Assert.False(call.Body.ValueKind == JsonValueKind.Object && (call.Body.TryGetProperty("link_names", out _) || call.Body.TryGetProperty("parse", out _)), "plain @channel must stay text");
        }

        await SayAsync(thread, "status");
        var after = ThreadPosts(thread)[^1];
        Assert.Contains("This retrospective is completed.", after, StringComparison.Ordinal);
        Assert.Contains("export", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FullWeeklyReview_InAThread_EndsInThePublishedReview()
    {
        await _slack.SendAsync(SlackEnvelopes.SlashCommand("review start", _slack.NewResponseUrl(out _)));
        var thread = await SlackEmulator.WaitForAsync(() => _slack.CallsOf("chat.postMessage").Skip(1).FirstOrDefault()?.Str("thread_ts"), "the first agenda item in the thread");
        Assert.Contains("SLO status overview", Text(_slack.CallsOf("chat.postMessage")[1].Body));

        foreach (var answer in new[] { "Payment is fine", "skip", "skip", "skip", "skip", "next", "@bob check the burn by friday", "next", "publish" })
            await SayAsync(thread, answer);

        var review = await SlackEmulator.WaitForAsync(
            () => _slack.Calls.FirstOrDefault(c => Text(c.Body).Contains("Weekly SLO Review - ", StringComparison.Ordinal) && Text(c.Body).Contains("review export", StringComparison.Ordinal)), "the published review");
        Assert.Contains("Payment is fine", Text(review.Body));
    }

    private async Task<T> Logged<T>(Task<T> wait)
    {
        try
        {
            return await wait;
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(ex.Message + "\nLog:\n" + _host.Logs.All, ex);
        }
    }

    private async Task SayAsync(string thread, string text)
    {
        var before = _slack.CallsOf("chat.postMessage").Count;
        var ts = $"1790000000.{Interlocked.Increment(ref _ts):D6}";
        await _slack.SendAsync(SlackEnvelopes.EventsApi(SlackEnvelopes.ThreadReply(text, thread, ts), "Ev" + ts));
        await SlackEmulator.WaitUntilAsync(() => _slack.CallsOf("chat.postMessage").Count > before, $"the answer to '{text}'");
    }

    private List<string> ThreadPosts(string thread) =>
        _slack.CallsOf("chat.postMessage").Where(c => c.Str("thread_ts") == thread).Select(c => Text(c.Body)).ToList();

    /// <summary>Every string in a Slack payload, joined: what a person would read.</summary>
    private static string Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.Object => string.Join("\n", e.EnumerateObject().Select(p => Text(p.Value))),
        JsonValueKind.Array => string.Join("\n", e.EnumerateArray().Select(Text)),
        _ => "",
    };

    internal static (string ActionId, string? Value) Button(JsonElement message, string label)
    {
        foreach (var block in message.GetProperty("blocks").EnumerateArray())
        {
            if (block.GetProperty("type").GetString() != "actions")
                continue;
            foreach (var e in block.GetProperty("elements").EnumerateArray())
            {
                if (e.GetProperty("text").GetProperty("text").GetString() == label)
                    return (e.GetProperty("action_id").GetString()!, e.TryGetProperty("value", out var v) ? v.GetString() : null);
            }
        }

        throw new InvalidOperationException($"no '{label}' button in {message.GetRawText()}");
    }
}
