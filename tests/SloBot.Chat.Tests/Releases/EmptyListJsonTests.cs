using System.Text.Json;
using Xunit;

namespace SloBot.Chat.Tests.Releases;

/// <summary>Issue 12, item 13: empty lists are their documented objects with empty arrays, never <c>{"text": …}</c>.</summary>
public sealed class EmptyListJsonTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData("/slo actions", "items")]
    [InlineData("/slo retro list", "conversations")]
    [InlineData("/slo releases", "decisions")]
    public async Task EmptyList_Json_IsTheDocumentedObjectWithAnEmptyArray(string command, string field)
    {
        using var host = new ReleaseTestHost(conversations: true);

        var reply = await host.AskAsync(command);

        Assert.NotNull(reply!.Data);
        var json = JsonSerializer.SerializeToElement(reply.Data, Web);
        Assert.Equal(JsonValueKind.Array, json.GetProperty(field).ValueKind);
        Assert.Equal(0, json.GetProperty(field).GetArrayLength());
    }
}
