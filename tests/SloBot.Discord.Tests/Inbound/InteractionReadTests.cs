using System.Text;
using SloBot.Discord.Inbound;
using Xunit;

namespace SloBot.Discord.Tests.Inbound;

/// <summary>
/// <see cref="InteractionParser.Read"/> keeps the tree lazy for payloads without escapes and still refuses every name
/// that could make a later lookup throw.
/// </summary>
public sealed class InteractionReadTests
{
    [Theory]
    [InlineData("""{"type":2,"data":{"a":1,"a":2}}""", "a property name appears twice in one object")]
    [InlineData("""{"type":2,"data":{"a":1,"\u0061":2}}""", "a property name appears twice in one object")] // the same name, escaped
    [InlineData("""{"type":2,"member":{"user":{"\ud800":1}}}""", "a property name is not valid text")] // deep, lone surrogate
    [InlineData("""{"type":2,"data":""", "not valid JSON")]
    [InlineData("""[1,2]""", "not a JSON object")]
    public void RefusesWhatALaterLookupWouldThrowOn(string json, string reason)
    {
        Assert.Null(InteractionParser.Read(Encoding.UTF8.GetBytes(json), out var refused));
        Assert.Equal(reason, refused);
    }

    [Theory]
    [InlineData("""{"type":2,"member":{"user":{"username":"Zo\u00eb \ud83d\ude00"}},"data":{"name":"slo"}}""")] // escapes in values, a valid pair
    [InlineData("""{"type":2,"member":{"user":{"\u0075sername":"zoe"}},"data":{"name":"slo"}}""")] // an escaped, valid name
    [InlineData("""{"type":2,"member":{"user":{"username":"Zoë"}},"data":{"name":"slo"}}""")]
    public void ReadsEscapedAndRawTextAlike(string json)
    {
        var payload = InteractionParser.Read(Encoding.UTF8.GetBytes(json), out var refused);

        Assert.Null(refused);
        Assert.StartsWith("Zo", InteractionParser.User(payload).DisplayName, StringComparison.OrdinalIgnoreCase);
    }
}
