using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SloBot.Chat.Replies;
using SloBot.Chat.Teams;
using Xunit;
using SloBot.Testing;

namespace SloBot.Chat.Tests.Balance;

public sealed class BalanceCommandTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly TeamTestHost _host = new();

    [Fact]
    public async Task Balance_WithCapacity_AdjustsByTheAverageGapOfTheSlosWithData()
    {
        var reply = await _host.AskAsync("/slo balance capacity=400");

        // (99.95 + 99.5) ÷ 2 − (99.9 + 99) ÷ 2 = +0.275 points: meeting comfortably, +5 → 75 / 25.
        Assert.Equal(ExitCodes.Answered, reply.ExitCode);
        var json = JsonSerializer.SerializeToElement(reply.Data, Web);
        Assert.Equal(75, json.GetProperty("featurePercent").GetInt32());
        Assert.Equal(25, json.GetProperty("reliabilityPercent").GetInt32());
        Assert.Equal(300, json.GetProperty("featureHours").GetDouble());
        Assert.Equal(100, json.GetProperty("reliabilityHours").GetDouble());
        Assert.Equal(400, json.GetProperty("capacityHours").GetDouble());
        Assert.Equal(5, json.GetProperty("adjustmentPoints").GetInt32());
        Assert.Equal(0.275, json.GetProperty("gapPoints").GetDouble(), 9);
        Assert.Equal(99.725, json.GetProperty("averageSliPercent").GetDouble(), 9);
        Assert.Equal("meetingComfortably", json.GetProperty("band").GetString());
        Assert.Equal(2, json.GetProperty("slos").GetArrayLength());
        var left = Assert.Single(json.GetProperty("slosWithoutData").EnumerateArray());
        Assert.Equal(("search", "availability"), (left.GetProperty("service").GetString(), left.GetProperty("slo").GetString()));
        Assert.NotEmpty(json.GetProperty("recommendations").EnumerateArray());
        var text = reply.PlainText();
        Assert.Contains("75 % (300 hours)", text, StringComparison.Ordinal);
        Assert.Contains("25 % (100 hours)", text, StringComparison.Ordinal);
        Assert.Contains("meeting SLOs comfortably", text, StringComparison.Ordinal);
        Assert.Contains("1 SLO without data left out: search availability.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Balance_MissingSlos_MovesTimeToReliabilityAndNamesThem()
    {
        _host.Source.With(TeamTestHost.Availability.Id, TimeSpan.FromDays(30), 9_900, 10_000); // 99 % of 99.9: gap (99 + 99.5 − 198.9) ÷ 2 = −0.2

        var reply = await _host.AskAsync("/slo balance capacity=37.5");

        var json = JsonSerializer.SerializeToElement(reply.Data, Web);
        Assert.Equal((60, 40), (json.GetProperty("featurePercent").GetInt32(), json.GetProperty("reliabilityPercent").GetInt32()));
        Assert.Contains("15 hours", reply.PlainText(), StringComparison.Ordinal);
        Assert.Contains("22 hours, 30 minutes", reply.PlainText(), StringComparison.Ordinal);
        Assert.Contains("payment availability (−0.9 points)", reply.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Balance_NoSloWithData_KeepsTheBaseSplitAndSaysSo()
    {
        var reply = await new TeamTestHost().AskAsync("/slo balance", configure: s => s.AddSingleton<SloBot.Core.Sli.ISliSource>(new TestSliSource()));

        Assert.Equal(ExitCodes.Answered, reply.ExitCode);
        var json = JsonSerializer.SerializeToElement(reply.Data, Web);
        Assert.Equal((70, 30), (json.GetProperty("featurePercent").GetInt32(), json.GetProperty("reliabilityPercent").GetInt32()));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("gapPoints").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("featureHours").ValueKind);
        Assert.Equal(3, json.GetProperty("slosWithoutData").GetArrayLength());
        Assert.Contains("No SLO had data in its window", reply.PlainText(), StringComparison.Ordinal);
        Assert.Contains("capacity=HOURS", reply.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Balance_CapacityFromTheOnlyTeam_AndAnUnknownTeamIsRefused()
    {
        var settings = new Dictionary<string, string?> { ["SloBot:Teams:payments:CapacityHours"] = "160" };
        using var services = _host.Build(settings);

        var reply = await TeamTestHost.AskAsync(services, "/slo balance");
        var typo = await TeamTestHost.AskAsync(services, "/slo balance team=paymnts");

        var json = JsonSerializer.SerializeToElement(reply.Data, Web);
        Assert.Equal("payments", json.GetProperty("team").GetString());
        Assert.Equal(120, json.GetProperty("featureHours").GetDouble());
        Assert.Equal(ExitCodes.BadCommand, typo.ExitCode);
        Assert.Contains("No team `paymnts` in `SloBot:Teams` — did you mean `team=payments`?", typo.PlainText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/slo balance capacity=-5", "`capacity=-5` is not usable: give the hours to split as a number above 0")]
    [InlineData("/slo balance capacity=lots", "`capacity=lots`: expected a number.")]
    [InlineData("/slo balance capacity=NaN", "`capacity=NaN`: expected a number.")]
    [InlineData("/slo balance capcity=400", "Unknown option `capcity` — did you mean `capacity`?")]
    [InlineData("/slo balance 400", "Unexpected `400`. Usage: `/slo balance [capacity=…] [team=…]`")]
    public async Task Balance_BadInput_ExitTwoWithAClearMessage(string text, string expected)
    {
        var reply = await _host.AskAsync(text);

        Assert.Equal(ExitCodes.BadCommand, reply.ExitCode);
        Assert.Contains(expected, reply.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public void TeamOptions_WrongKeys_AreEachNamed()
    {
        using var services = _host.Build(new()
        {
            ["SloBot:Teams:payments:CapacityHour"] = "400",
            ["SloBot:Teams:payments:Size"] = "2.5",
            ["SloBot:Teams:search:CapacityHours"] = "-1",
            ["SloBot:Teams:checkout"] = "400",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TeamOptions>>().Value);

        Assert.Contains("SloBot:Teams:payments:CapacityHour is not a team setting — did you mean `CapacityHours`?", error.Message, StringComparison.Ordinal);
        Assert.Contains("SloBot:Teams:payments:Size '2.5' must be a whole number of engineers", error.Message, StringComparison.Ordinal);
        Assert.Contains("SloBot:Teams:search:CapacityHours '-1' must be a number of hours above 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("SloBot:Teams:checkout is '400', but a team is a section", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProductSummary_ShowsTheSplit()
    {
        var reply = await _host.AskAsync("/slo summary product", new() { ["SloBot:Teams:payments:CapacityHours"] = "400" });

        Assert.Contains("Reliability vs features", reply.PlainText(), StringComparison.Ordinal);
        Assert.Contains("75 % (300 hours) features / 25 % (100 hours) reliability (average SLO gap +0.275 points: meeting SLOs comfortably)", reply.PlainText(), StringComparison.Ordinal);
        var balance = JsonSerializer.SerializeToElement(reply.Data, Web).GetProperty("balance");
        Assert.Equal(25, balance.GetProperty("reliabilityPercent").GetInt32());
    }
}
