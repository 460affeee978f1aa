using System.Text.Json.Nodes;
using SloBot.Discord.Delivery;
using SloBot.Discord.Inbound;

namespace SloBot.Discord.Tests.Inbound;

public sealed class InteractionUserTests
{
    [Fact]
    public void GuildMember_CarriesItsRoleIds_AsGroups_ForSloBotRoles()
    {
        var interaction = JsonNode.Parse("""
            {"member":{"user":{"id":"1500000000000000001","username":"ada","global_name":"Ada"},"nick":"Ada L","roles":["1400000000000000007","1400000000000000009"]}}
            """);

        var user = InteractionParser.User(interaction);

        Assert.Equal(("1500000000000000001", "Ada L"), (user.Id, user.DisplayName));
        Assert.Equal(["1400000000000000007", "1400000000000000009"], user.GroupIds);
    }

    [Fact]
    public void DirectMessage_HasNoMember_AndNoGroups()
    {
        var user = InteractionParser.User(JsonNode.Parse("""{"user":{"id":"1500000000000000002","username":"bob"}}"""));

        Assert.Equal(("1500000000000000002", "bob"), (user.Id, user.DisplayName));
        Assert.Empty(user.GroupIds);
    }
}
