using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SloBot.Chat.Delivery;
using SloBot.Slack.Configuration;

namespace SloBot.Slack.Tests.Configuration;

public sealed class SlackOptionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddSlackTransport(config).BuildServiceProvider();
    }

    [Fact]
    public void AddSlackTransport_NoTokens_RegistersNoTransport()
    {
        using var provider = Build([]);
        Assert.Null(provider.GetService<IChatTransport>());
        Assert.False(provider.GetRequiredService<IOptions<SlackOptions>>().Value.IsEnabled);
    }

    [Theory]
    [InlineData("xapp-FAKE", null, "Socket", "SloBot:Slack:BotToken")]
    [InlineData("xapp-FAKE", "xapp-not-a-bot-token", "Socket", "SloBot:Slack:BotToken")]
    [InlineData(null, "xoxb-FAKE", "Socket", "SloBot:Slack:AppToken")]
    [InlineData("xoxb-FAKE-not-an-app-token", "xoxb-FAKE", "Socket", "SloBot:Slack:AppToken")]
    [InlineData(null, "xoxb-FAKE", "Http", "SloBot:Slack:SigningSecret")]
    public void Validation_NamesTheWrongKey_AndNeverTheToken(string? appToken, string? botToken, string mode, string key)
    {
        using var provider = Build(new()
        {
            ["SloBot:Slack:AppToken"] = appToken,
            ["SloBot:Slack:BotToken"] = botToken,
            ["SloBot:Slack:Mode"] = mode,
        });
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SlackOptions>>().Value);
        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("xapp-FAKE", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("xoxb-FAKE", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_BadApiBaseUrl_NamesTheKey()
    {
        using var provider = Build(new() { ["SloBot:Slack:AppToken"] = "xapp-FAKE", ["SloBot:Slack:BotToken"] = "xoxb-FAKE", ["SloBot:Slack:ApiBaseUrl"] = "slack.com/api" });
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SlackOptions>>().Value);
        Assert.Contains("SloBot:Slack:ApiBaseUrl", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_SocketModeWithBothTokens_IsValidAndRegistersTheSlackTransport()
    {
        using var provider = Build(new() { ["SloBot:Slack:AppToken"] = "xapp-FAKE", ["SloBot:Slack:BotToken"] = "xoxb-FAKE" });
        Assert.Equal(SlackMode.Socket, provider.GetRequiredService<IOptions<SlackOptions>>().Value.Mode);
        Assert.Equal("slack", provider.GetRequiredService<IChatTransport>().Platform);
    }
}
