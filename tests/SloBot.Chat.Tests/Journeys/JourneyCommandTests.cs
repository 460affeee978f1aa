using System.Text.Json;
using SloBot.Chat.Journeys;
using SloBot.Chat.Replies;
using SloBot.Chat.Tests.Tiers;
using Xunit;

namespace SloBot.Chat.Tests.Journeys;

public sealed class JourneyCommandTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static Task<Reply> Journeys(string text) => ChatTestKit.RouteAsync(new JourneysCommand(), text);

    private static Task<Reply> Journey(string text) => ChatTestKit.RouteAsync(new JourneyCommand(), text);

    [Fact]
    public async Task Journeys_NoCategory_ListsAllThree()
    {
        var reply = await Journeys("");

        Assert.Equal(ExitCodes.Answered, reply.ExitCode);
        Assert.Contains("data_pipeline  batch_processing", reply.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Journeys_Category_DescribesItsJourneys()
    {
        var reply = await Journeys("saas");

        Assert.Contains("user_login", reply.PlainText(), StringComparison.Ordinal);
        Assert.Contains("api_integration", reply.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Journeys_UnknownCategory_ListsTheCategories()
    {
        var reply = await Journeys("ecomerce");

        Assert.Equal(ExitCodes.BadCommand, reply.ExitCode);
        Assert.Contains("did you mean `ecommerce`", reply.PlainText(), StringComparison.Ordinal);
        Assert.Contains("`data_pipeline`", reply.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Journey_Customised_ShowsTheChangeAndDerivedSlisAsData()
    {
        var reply = await Journey("ecommerce checkout step.5.latency=1500");

        Assert.Equal(ExitCodes.Answered, reply.ExitCode);
        Assert.Contains("step.5.latency 2000 ms → 1500 ms", reply.PlainText(), StringComparison.Ordinal);
        Assert.Contains("1.5 seconds", reply.PlainText(), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(reply.Data, Web));
        var step5 = json.RootElement.GetProperty("journey").GetProperty("steps")[4];
        Assert.Equal(1500, step5.GetProperty("expectedLatencyP95Ms").GetDouble());
        Assert.Equal(["payment_gateway", "fraud_detection"], step5.GetProperty("dependencies").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(12, json.RootElement.GetProperty("slis").GetArrayLength());
        Assert.Equal(3300, json.RootElement.GetProperty("latencyBudgetMs").GetDouble());
    }

    [Fact]
    public async Task Journey_UnknownName_ListsTheCategorysJourneys()
    {
        var reply = await Journey("ecommerce chekout");

        Assert.Equal(ExitCodes.BadCommand, reply.ExitCode);
        Assert.Contains("did you mean `checkout`", reply.PlainText(), StringComparison.Ordinal);
        Assert.Contains("`product_browse`", reply.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Journey_BadCustomisation_IsRefusedWithTheReason()
    {
        var reply = await Journey("saas user_login step.7.latency=100");

        Assert.Equal(ExitCodes.BadCommand, reply.ExitCode);
        Assert.Contains("steps are 1–4", reply.PlainText(), StringComparison.Ordinal);
    }
}
