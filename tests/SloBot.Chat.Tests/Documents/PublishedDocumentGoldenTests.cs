using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using SloBot.Chat.Replies;
using SloBot.Chat.Tests.Conversations;
using Xunit;

namespace SloBot.Chat.Tests.Documents;

/// <summary>
/// Everything the retrospective and weekly review commands answer about published documents — list, resume, export
/// in each format, and the refusals — byte for byte against golden files written before both kinds moved onto the
/// shared published-document capability. Set SLOBOT_UPDATE_GOLDEN=1 to rewrite them after an intended change.
/// </summary>
public partial class PublishedDocumentGoldenTests
{
    private static readonly DateTimeOffset IncidentStart = new(2026, 11, 22, 14, 0, 0, TimeSpan.Zero);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task RetroAndReviewCommands_AnswerAsBeforeTheSharedCapability()
    {
        using var host = new ConversationHost();
        host.Sli.IncidentStart = IncidentStart;
        host.Sli.IncidentEnd = IncidentStart.AddMinutes(45);
        await host.CommandAsync(ConversationHost.Channel, "/slo retro start INC-2041 payment 14:00-16:15");
        var thread = host.Transport.Threads.Last().Thread;
        foreach (var a in new[] { "ok", "14:18 PagerDuty alert fired", "next", "Pool exhaustion", "next", "skip", "500 errors on 15% of payments", "next", "next", "@alice Add pool alerting by 2026-11-27", "next", "skip", "skip", "publish" })
            await host.SayAsync(thread, a);
        await host.CommandAsync(ConversationHost.Channel, "/slo review start");
        var review = host.Transport.Threads.Last().Thread;
        foreach (var a in new[] { "Payment needs attention", "skip", "skip", "skip", "Keep targets", "next", "next", "publish" })
            await host.SayAsync(review, a);
        // A millisecond later, so the list's newest-first order does not fall back on the random conversation ids.
        host.Time.Advance(TimeSpan.FromMilliseconds(1));
        await host.CommandAsync(ConversationHost.Channel, "/slo retro start INC-2042 search 10:00-10:30");

        var golden = new StringBuilder();
        foreach (var command in new[]
        {
            "/slo retro list", "/slo retro export INC-2041 markdown", "/slo retro export inc-2041 html", "/slo retro export INC-2041 json",
            "/slo retro export", "/slo retro export INC-2041 pdf", "/slo retro export INC-9999", "/slo retro export INC-2042", "/slo retro resume INC-2041",
            "/slo retro resume INC-9999", "/slo review list", "/slo review export 2026-11-23", "/slo review export 2026-11-23 html", "/slo review export 2026-11-23 json",
            "/slo review export", "/slo review export 2026-01-01", "/slo review resume 2026-11-23",
        })
        {
            golden.Append("### ").Append(command).Append('\n').Append(Describe((await host.CommandAsync(ConversationHost.Channel, command))!)).Append('\n');
        }

        Verify("published-documents", Ids().Replace(golden.ToString(), "$1-ID"));
    }

    private static string Describe(Reply reply)
    {
        var text = new StringBuilder();
        text.Append("header: ").Append(reply.Header).Append("\nsummary: ").Append(reply.Summary).Append("\ncontext: ").Append(reply.Context)
            .Append("\nephemeral: ").Append(reply.Ephemeral).Append("\n--- text\n").Append(reply.PlainText()).Append("\n--- data\n")
            .Append(JsonSerializer.Serialize(reply.Data, Json)).Append('\n');
        foreach (var file in reply.Attachments)
            text.Append("--- file ").Append(file.FileName).Append(' ').Append(file.ContentType).Append('\n').Append(Encoding.UTF8.GetString(file.Content)).Append('\n');
        return text.ToString();
    }

    private static void Verify(string name, string actual)
    {
        var path = Path.Combine(SourceDirectory(), "testdata", name + ".golden.txt");
        if (Environment.GetEnvironmentVariable("SLOBOT_UPDATE_GOLDEN") == "1")
            File.WriteAllText(path, actual);
        Assert.True(File.Exists(path), $"Golden file {path} is missing; run with SLOBOT_UPDATE_GOLDEN=1 and review it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual.ReplaceLineEndings("\n"));
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string caller = "") => Path.GetDirectoryName(caller)!;

    [GeneratedRegex("\\b(retro|review)-[0-9a-f]{6}\\b")]
    private static partial Regex Ids();
}
