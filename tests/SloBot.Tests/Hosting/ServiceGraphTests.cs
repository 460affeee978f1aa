using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SloBot.Chat.Commands;
using SloBot.Chat.Conversations;
using SloBot.Chat.Delivery;
using SloBot.Hosting;
using Xunit;

namespace SloBot.Tests.Hosting;

/// <summary>
/// The whole container of the running service, with every transport on: it builds with validation (no cycle, nothing
/// missing) and the chat layer reaches the transports through constructors, not by looking them up at run time.
/// </summary>
public sealed class ServiceGraphTests
{
    [Fact]
    public void ServiceWithAllTransports_BuildsWithValidation_AndThreadPostsReachEveryPlatform()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SloBot:Storage:ConnectionString"] = "Data Source=:memory:",
            ["SloBot:Slack:AppToken"] = "xapp-1-test",
            ["SloBot:Slack:BotToken"] = "xoxb-test",
            ["SloBot:Discord:BotToken"] = "abc.def",
            ["SloBot:Discord:ApplicationId"] = "1100000000000000001",
            ["SloBot:Console:Enabled"] = "true",
        });
        var mode = new HostMode(Demo: true, Interactive: false);
        builder.Services.AddSloBot(builder.Configuration, mode);
        builder.Services.AddSloBotService(builder.Configuration, mode);
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));

        using var host = builder.Build(); // validates every registration: a cycle or a missing service fails here
        var provider = host.Services;

        var posts = provider.GetRequiredService<ThreadPosts>();
        Assert.Equal(["console", "discord", "slack"], provider.GetRequiredService<ChatTransports>().Platforms.Order(StringComparer.Ordinal));
        Assert.All(["slack", "discord", "console"], p => Assert.NotNull(posts.TransportFor(p)));
        Assert.Null(posts.TransportFor("teams"));
        Assert.NotNull(provider.GetRequiredService<IChatEventSink>()); // builds the router, which attaches to the runner
        Assert.Contains(provider.GetRequiredService<CommandRunner>().Commands, c => c.Name == "help");
    }

    /// <summary>
    /// Every command the host registers fits Discord's limits (descriptions ≤ 100 characters, …): the registrar refuses to
    /// send a definition Discord would reject, so one long summary leaves a Discord server without <c>/slo</c>.
    /// </summary>
    [Fact]
    public void EveryRegisteredCommand_FitsDiscordsApplicationCommandLimits()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["SloBot:Storage:ConnectionString"] = "Data Source=:memory:" });
        var mode = new HostMode(Demo: true, Interactive: false);
        builder.Services.AddSloBot(builder.Configuration, mode);
        using var host = builder.Build();

        var router = host.Services.GetRequiredService<SloBot.Chat.Commands.CommandRouter>();
        Assert.Empty(SloBot.Discord.Commands.SlashCommandLimits.Check(SloBot.Discord.Commands.SlashCommandDefinition.Build(router.Commands)));
    }
}
