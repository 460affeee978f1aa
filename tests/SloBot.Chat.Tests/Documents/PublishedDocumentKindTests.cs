using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Commands;
using SloBot.Chat.Documents;
using SloBot.Chat.Tests.Conversations;
using Xunit;

namespace SloBot.Chat.Tests.Documents;

/// <summary>A new kind of document (as planning or toil will add) gets store, list, resume and export from one registration.</summary>
public class PublishedDocumentKindTests
{
    private static readonly DateTimeOffset Published = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static readonly DocumentKind<PlanDocument> Plans = new()
    {
        Name = "plan",
        Command = "plan",
        Header = "Quarterly plans",
        Noun = "quarterly plan",
        Which = "plan",
        Named = title => $"{title} plan",
        Id = d => d.Id,
        Title = d => d.Quarter,
        PublishedAt = d => d.PublishedAt,
        Markdown = d => $"# Plan {d.Quarter}\n",
        Html = d => $"<h1>Plan {d.Quarter}</h1>\n",
        Export = d => ($"Quarterly Plan {d.Quarter}", $"plan-{d.Quarter}"),
        ListSpec = new("plan list", "Lists quarterly plans", [], ["/slo plan list"]),
        ResumeSpec = new("plan resume", "Continues a plan", [new CommandOption("id", "The plan's id", Required: true, Positional: true)], ["/slo plan resume plan-1"]),
        ExportSpec = new("plan export", "Exports a plan", [new CommandOption("id", "The plan's id", Required: true, Positional: true), new CommandOption("format", "markdown, html or json", Positional: true)], ["/slo plan export 2027-Q1 markdown"]),
    };

    [Fact]
    public async Task AddPublishedDocuments_NewKind_SavesListsAndExportsInEveryFormat()
    {
        using var host = new ConversationHost(s => s.AddPublishedDocuments(Plans));
        await host.Services.GetRequiredService<PublishedDocuments<PlanDocument>>().SaveAsync(new PlanDocument("plan-1", "2027-Q1", 99.9, Published), default);

        var md = (await host.CommandAsync(ConversationHost.Channel, "/slo plan export 2027-q1"))!;
        Assert.Equal(("Quarterly Plan 2027-Q1 (markdown)", "plan-2027-Q1.md", "# Plan 2027-Q1\n"), (md.Header, md.Attachments[0].FileName, Encoding.UTF8.GetString(md.Attachments[0].Content)));
        var json = Encoding.UTF8.GetString((await host.CommandAsync(ConversationHost.Channel, "/slo plan export plan-1 json"))!.Attachments[0].Content);
        Assert.Equal(DocumentJson.Text(new PlanDocument("plan-1", "2027-Q1", 99.9, Published)), json);
        Assert.Contains("\"targetPercent\": 99.9", json, StringComparison.Ordinal);
        Assert.Equal("<h1>Plan 2027-Q1</h1>\n", Encoding.UTF8.GetString((await host.CommandAsync(ConversationHost.Channel, "/slo plan export plan-1 html"))!.Attachments[0].Content));

        Assert.Contains("No quarterly plan `2026-Q4`. `/slo plan list` shows them.", (await host.CommandAsync(ConversationHost.Channel, "/slo plan export 2026-Q4"))!.PlainText());
        Assert.Contains("Which plan?", (await host.CommandAsync(ConversationHost.Channel, "/slo plan export"))!.PlainText());
        Assert.Contains("No quarterly plans yet. Start one with `/slo plan start`.", (await host.CommandAsync(ConversationHost.Channel, "/slo plan list"))!.PlainText());
        Assert.Single(await host.Services.GetRequiredService<PublishedDocuments<PlanDocument>>().ListAsync(Published, Published.AddTicks(1), default));
    }

    public sealed record PlanDocument(string Id, string Quarter, double TargetPercent, DateTimeOffset PublishedAt);
}
