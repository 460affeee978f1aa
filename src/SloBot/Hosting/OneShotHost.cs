using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SloBot.Chat.Replies;
using SloBot.Cli;
using SloBot.Hosting.Configuration;

namespace SloBot.Hosting;

/// <summary><c>ask</c> and <c>events import</c>: the same services as the bot, no transports, logs on stderr.</summary>
internal static class OneShotHost
{
    public static async Task<int> RunAsync(CliArguments cli, TextWriter stdout, TextWriter stderr)
    {
        var mode = new HostMode(cli.Demo, Interactive: false);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [.. cli.ConfigArgs], ContentRootPath = AppContext.BaseDirectory });
        SloBotServices.AddDemoDefaults(builder.Configuration, mode);
        builder.Logging.ClearProviders();
        Telemetry.AddConsoleLogs(builder.Logging, builder.Configuration);
        builder.Logging.AddFilter(ServiceHost.HostCategory, LogLevel.None); // failures are reported by SloBotCli in one line
        QuietLogging.Apply(builder.Configuration);
        var valueProblems = ConfigurationCheck.ReadValues(builder.Configuration);
        builder.Services.AddSloBot(builder.Configuration, mode);
        if (cli.OutDir is not null)
            builder.Services.AddBurnDownCharts(); // only --out writes images; without it drawing would be wasted
        // One command, no thread to continue in: commands missing arguments say what to type instead of asking.
        builder.Services.RemoveAll<SloBot.Chat.Conversations.IQuestionnaires>();
        using var host = builder.Build();
        ConfigurationCheck.Validate(host.Services, valueProblems);

        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        await host.Services.GetRequiredService<StartupTasks>().RunAsync(cts.Token);
        return cli.Verb switch
        {
            CliArguments.Ask => await AskCommand.RunAsync(host.Services, cli, stdout, stderr, cts.Token),
            CliArguments.Events => await EventsImportCommand.RunAsync(host.Services, cli, stdout, stderr, cts.Token),
            CliArguments.StatusPage => await StatusPageCommand.RunAsync(host.Services, cli, stdout, stderr, cts.Token),
            _ => ExitCodes.BadCommand,
        };
    }
}
