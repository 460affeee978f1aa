using SloBot.Chat.Delivery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SloBot.Discord.Configuration;

namespace SloBot.Discord.Tests.Configuration;

public sealed class DiscordOptionsTests
{
    [Fact]
    public void Validate_BadValues_NameTheKeyToFix_AndNeverShowTheToken()
    {
        var options = new DiscordOptions
        {
            BotToken = "secret token with spaces",
            ApplicationId = "my-app",
            GuildIds = ["123", "guild"],
            Mode = DiscordMode.Http,
            PublicKey = "abc",
        };

        var result = new DiscordOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToArray();
        Assert.Contains(failures, f => f.StartsWith("SloBot:Discord:BotToken", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("SloBot:Discord:ApplicationId 'my-app'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("SloBot:Discord:GuildIds contains 'guild'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("SloBot:Discord:PublicKey", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("secret", StringComparison.Ordinal));
        Assert.DoesNotContain("secret", options.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 30, 10, "SloBot:Discord:ShardCount must be between 1 and 100,000")]
    [InlineData(2, 30, 20, "SloBot:Discord:ShardRenewal must be at least 1 second and at most half of ShardLease")]
    [InlineData(2, 30, 0.5, "SloBot:Discord:ShardRenewal must be at least 1 second")]
    [InlineData(2, 55, 10, "SloBot:Discord:ShardLease plus ShardRenewal must be at most 1 minute")]
    public void Validate_ShardSettingsOutOfRange_NameTheKey(int shards, double leaseSeconds, double renewalSeconds, string message)
    {
        var options = new DiscordOptions
        {
            BotToken = "abc.def",
            ApplicationId = "1100000000000000001",
            ShardCount = shards,
            ShardLease = TimeSpan.FromSeconds(leaseSeconds),
            ShardRenewal = TimeSpan.FromSeconds(renewalSeconds),
        };

        var failure = Assert.Single(new DiscordOptionsValidator().Validate(null, options).Failures!);

        Assert.StartsWith(message, failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Validate_MaxConcurrentEventsOutOfRange_NamesTheKey(int events)
    {
        var options = new DiscordOptions { BotToken = "abc.def", ApplicationId = "1100000000000000001", MaxConcurrentEvents = events };

        var failure = Assert.Single(new DiscordOptionsValidator().Validate(null, options).Failures!);

        Assert.Equal("SloBot:Discord:MaxConcurrentEvents must be between 1 and 1000.", failure);
    }

    [Fact]
    public void MaxConcurrentEvents_Default_IsTheFourCommandsAtOnceOfBefore() =>
        Assert.Equal(4, new DiscordOptions().MaxConcurrentEvents);

    [Fact]
    public void Validate_ShardDefaults_AreFine_AndLeaveTheCountToDiscord()
    {
        var options = new DiscordOptions { BotToken = "abc.def", ApplicationId = "1100000000000000001" };

        Assert.True(new DiscordOptionsValidator().Validate(null, options).Succeeded);
        Assert.Null(options.ShardCount);
        Assert.Equal((TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(5)), (options.ShardLease, options.ShardRenewal));
    }

    [Fact]
    public void Validate_GatewayModeWithoutPublicKey_IsFine()
    {
        var options = new DiscordOptions { BotToken = "abc.def", ApplicationId = "1100000000000000001" };

        Assert.True(new DiscordOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void AddDiscordTransport_WithoutToken_RegistersOnlyItsPlatformName()
    {
        var services = new ServiceCollection();
        services.AddDiscordTransport(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SloBot:Discord:ApplicationId"] = "1" }).Build());

        // configuration may still name discord:… channels (the post is off, "not connected"); nothing runs or connects
        Assert.Equal([typeof(ChatPlatform), typeof(ChatPlatforms)], services.Select(d => d.ServiceType));
        using var provider = services.BuildServiceProvider();
        Assert.Equal(["discord"], provider.GetRequiredService<ChatPlatforms>().Names);
        Assert.Null(provider.GetService<IChatTransport>());
        Assert.DoesNotContain(provider.GetServices<IHostedService>(), _ => true);
    }

    [Fact]
    public void AddDiscordTransport_WithToken_RegistersTheTransportAndItsHostedService()
    {
        var services = new ServiceCollection();
        services.AddDiscordTransport(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SloBot:Discord:BotToken"] = "abc.def",
            ["SloBot:Discord:ApplicationId"] = "not-a-number",
        }).Build());

        Assert.Contains(services, d => d.ServiceType == typeof(IHostedService));
        Assert.Contains(services, d => d.ServiceType == typeof(Chat.Delivery.IChatTransport));
        var error = Assert.Throws<OptionsValidationException>(() => services.BuildServiceProvider().GetRequiredService<IOptions<DiscordOptions>>().Value);
        Assert.Contains("SloBot:Discord:ApplicationId", error.Message, StringComparison.Ordinal);
    }
}
