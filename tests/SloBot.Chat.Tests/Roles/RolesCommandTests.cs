using System.Text.Json;
using Microsoft.Extensions.Options;
using SloBot.Chat.Replies;
using SloBot.Chat.Roles;
using SloBot.Chat.Tests.Releases;
using Xunit;

namespace SloBot.Chat.Tests.Roles;

/// <summary><c>/slo roles [service]</c>: holders per service from the catalog and <c>SloBot:Roles</c>, the document's responsibilities.</summary>
public sealed class RolesCommandTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["SloBot:Roles:SloOwner:0"] = "U-SRE",
        ["SloBot:Roles:Engineering:0"] = "S-ENG",
        ["SloBot:Roles:ProductManager:0"] = "U-HEAD-PM",
        ["SloBot:Roles:Services:payment:ProductManager:0"] = "<@U-PM>",
        ["SloBot:Roles:Services:PAYMENT:Engineering:0"] = "U-PAY-DEV",
        ["SloBot:Roles:Services:paymnet:SloOwner:0"] = "U-TYPO",
    };

    [Fact]
    public async Task Roles_OneService_HoldersMostSpecificFirst_JsonCamelCase()
    {
        using var host = new ReleaseTestHost(s => s.AddRolesCommand(), Settings);

        var reply = await host.AskAsync("/slo roles Payment");

        Assert.Equal(ExitCodes.Answered, reply!.ExitCode);
        Assert.Equal("Roles · payment", reply.Header);
        var json = JsonSerializer.SerializeToElement(reply.Data, Web);
        var payment = json.GetProperty("services").EnumerateArray().Single();
        Assert.Equal("payment", payment.GetProperty("service").GetString());
        Assert.Equal(["U-OWNER", "U-SRE"], Ids(payment, "sloOwners"));
        Assert.Equal(["U-PAY-DEV", "S-ENG"], Ids(payment, "engineering"));
        Assert.Equal(["U-PM", "U-HEAD-PM"], Ids(payment, "productManagers"));
        var roles = json.GetProperty("roles").EnumerateArray().ToArray();
        Assert.Equal(["sloOwner", "engineering", "productManager"], roles.Select(r => r.GetProperty("role").GetString()));
        Assert.Contains("Approve error budget usage", roles[2].GetProperty("responsibilities").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(roles[2].GetProperty("inSloBot").EnumerateArray(), e => e.GetString()!.Contains("/slo approve", StringComparison.Ordinal));
        Assert.Equal(["paymnet"], Ids(json, "unknownConfiguredServices"));
        var text = reply.PlainText();
        Assert.Contains("Lead weekly SLO reviews", text, StringComparison.Ordinal);
        Assert.Contains("`SloBot:Roles:Services:paymnet` names no service of the catalog — did you mean `payment`?", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roles_EveryService_TableWithVacanciesNamed()
    {
        using var host = new ReleaseTestHost(s => s.AddRolesCommand(), new() { ["SloBot:Roles:Services:payment:ProductManager:0"] = "U-PM" });

        var reply = await host.AskAsync("/slo roles");

        var table = reply!.Blocks.OfType<TableBlock>().Single();
        Assert.Equal(["payment", "<@U-OWNER>", "—", "<@U-PM>"], table.Rows[0]);
        Assert.Equal(["checkout", "<@U-CHK>", "—", "—"], table.Rows[1]);
        Assert.Equal("Roles of 2 services; 1 without an SLO owner or product manager", reply.Summary);
    }

    [Theory]
    [InlineData("/slo roles paymnt", "`paymnt` is not a service of the SLO catalog — did you mean `payment`?")]
    [InlineData("/slo roles payment checkout", "Unexpected `checkout`. Usage: `/slo roles [service]`")]
    [InlineData("/slo roles team=payments", "Unknown option `team`: `/slo roles` takes no options.")]
    public async Task Roles_BadInput_Exit2WithClearMessage(string command, string expected)
    {
        using var host = new ReleaseTestHost(s => s.AddRolesCommand());

        var reply = await host.AskAsync(command);

        Assert.Equal(ExitCodes.BadCommand, reply!.ExitCode);
        Assert.Contains(expected, reply.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roles_ServiceNamedAsOption_SameAnswerAsPositional()
    {
        using var host = new ReleaseTestHost(s => s.AddRolesCommand(), Settings);

        var named = await host.AskAsync("/slo roles service=payment");
        var positional = await host.AskAsync("/slo roles payment");

        Assert.Equal(ExitCodes.Answered, named!.ExitCode);
        Assert.Equal(positional!.PlainText(), named.PlainText());
    }

    [Fact]
    public void RoleOptions_ServiceIdWithSpaces_FailsAtStartNamingTheKey()
    {
        using var host = new ReleaseTestHost(settings: new() { ["SloBot:Roles:Services:payment:ProductManager:0"] = "Jane Doe" });

        var ex = Assert.Throws<OptionsValidationException>(() => host.Get<IOptions<RoleOptions>>().Value);

        Assert.Contains("SloBot:Roles:Services:payment:ProductManager holds 'Jane Doe'", ex.Message, StringComparison.Ordinal);
    }

    private static string[] Ids(JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(x => x.GetString()!).ToArray();
}
