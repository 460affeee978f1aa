using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Replies;
using SloBot.Chat.Tests.Balance;
using SloBot.Chat.Toil;
using Xunit;

namespace SloBot.Chat.Tests.Toil;

public sealed class ToilCommandTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly TeamTestHost _host = new();

    [Fact]
    public async Task AddListRemove_RanksByTheDocumentsScore_AndBudgetsFromTheSlos()
    {
        using var services = _host.Build(configure: s => s.AddToil());

        var added = await TeamTestHost.AskAsync(services, "/slo toil add \"rotate certificates\" weekly=2 hours=1.5 error-prone complexity=3");
        await TeamTestHost.AskAsync(services, "/slo toil add \"restart stuck workers\" weekly=10 hours=0.25 complexity=1 effort=4");
        await TeamTestHost.AskAsync(services, "/slo toil add \"quarterly audit\" weekly=0.25 hours=8");
        var list = await TeamTestHost.AskAsync(services, "/slo toil list team-size=5");
        var removed = await TeamTestHost.AskAsync(services, "/slo toil remove 1");
        var after = await TeamTestHost.AskAsync(services, "/slo toil list team-size=5");

        Assert.Equal(ExitCodes.Answered, added.ExitCode);
        Assert.Contains("Recorded toil #1 rotate certificates: 2 × a week, 1 hour, 30 minutes each (3 hours a week), error-prone, complexity 3", added.PlainText(), StringComparison.Ordinal);
        var json = JsonSerializer.SerializeToElement(list.Data, Web);
        // scores: 2×10 + 1.5×5 + 20 − 6 = 41.5; 10×10 + 0.25×5 − 2 = 99.25; 0.25×10 + 8×5 − 6 = 36.5
        Assert.Equal(["restart stuck workers", "rotate certificates", "quarterly audit"], json.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal([99.25, 41.5, 36.5], json.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("automationScore").GetDouble()));
        Assert.Equal(4 / (10 * 0.25 * 52 / 12), json.GetProperty("tasks")[0].GetProperty("roiMonths").GetDouble(), 12);
        // average SLI (99.95 + 99.5) ÷ 2 = 99.725: below 99.9, −10 → 40 % of 5 × 40 hours
        Assert.Equal(99.725, json.GetProperty("averageSloPercent").GetDouble(), 9);
        Assert.Equal(40, json.GetProperty("toilPercent").GetInt32());
        Assert.Equal(80, json.GetProperty("toilHoursPerWeek").GetDouble());
        Assert.Equal(120, json.GetProperty("automationHoursPerWeek").GetDouble());
        Assert.Equal(3 + 2.5 + 2, json.GetProperty("recordedToilHoursPerWeek").GetDouble());
        Assert.Equal(1, json.GetProperty("slosWithoutData").GetArrayLength());
        Assert.Contains("80 hours a week", list.PlainText(), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Answered, removed.ExitCode);
        Assert.Equal(2, JsonSerializer.SerializeToElement(after.Data, Web).GetProperty("tasks").GetArrayLength());
    }

    [Theory]
    [InlineData("/slo toil add \"rotate certificates\" hours=1.5", "Which weekly?")]
    [InlineData("/slo toil add weekly=2 hours=1", "Which task?")]
    [InlineData("/slo toil add backups weekly=0 hours=1", "`weekly=0` is not usable")]
    [InlineData("/slo toil add backups weekly=2 hours=200", "`hours=200` is not usable: give the hours each time as a number above 0 and at most 168")]
    [InlineData("/slo toil add backups weekly=2 hours=1 complexity=9", "`complexity=9` is not usable: give how hard it is to automate as a whole number from 1 to 5")]
    [InlineData("/slo toil add backups weekly=2 hours=1 eror-prone", "Unexpected `eror-prone` — did you mean `e")]
    [InlineData("/slo toil add backups weekley=2 hours=1", "Unknown option `weekley` — did you mean")]
    [InlineData("/slo toil remove 7", "There is no toil task #7. Recorded: none.")]
    [InlineData("/slo toil remove seven", "`seven`: expected the id, a whole number.")]
    [InlineData("/slo toil list team-size=0", "`team-size=0` is not usable")]
    public async Task BadInput_ExitTwoWithAClearMessage(string text, string expected)
    {
        var reply = await _host.AskAsync(text, configure: s => s.AddToil());

        Assert.Equal(ExitCodes.BadCommand, reply.ExitCode);
        Assert.Contains(expected, reply.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_TeamSizeFromTheTeam_NoTasksYet_SaysHowToAddOne()
    {
        var reply = await _host.AskAsync("/slo toil list", new() { ["SloBot:Teams:payments:Size"] = "3" }, s => s.AddToil());

        var json = JsonSerializer.SerializeToElement(reply.Data, Web);
        Assert.Equal((3, "payments"), (json.GetProperty("teamSize").GetInt32(), json.GetProperty("team").GetString()));
        Assert.Equal(48, json.GetProperty("toilHoursPerWeek").GetDouble(), 9);
        Assert.Empty(json.GetProperty("tasks").EnumerateArray());
        Assert.Contains("No toil recorded yet", reply.PlainText(), StringComparison.Ordinal);
    }
}
