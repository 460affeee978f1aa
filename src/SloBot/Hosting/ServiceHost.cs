using SloBot.Cli;
using SloBot.Discord.Http;
using SloBot.Slack;

namespace SloBot.Hosting;

/// <summary>SloBot as a long-running service: web server (health, platform endpoints), transports, console when interactive.</summary>
internal static class ServiceHost
{
    public static async Task<int> RunAsync(CliArguments cli)
    {
        var mode = new HostMode(cli.Demo, Interactive: !Console.IsInputRedirected);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. cli.ConfigArgs], ContentRootPath = AppContext.BaseDirectory });
        SloBotServices.AddDemoDefaults(builder.Configuration, mode);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        if (mode.Interactive)
            QuietLogging.Apply(builder.Configuration);
        if (!HasUrls(builder.Configuration))
            builder.WebHost.UseUrls(mode.Interactive ? "http://127.0.0.1:0" : "http://0.0.0.0:8080");
        builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));

        builder.Services.AddSloBot(builder.Configuration, mode);
        builder.Services.AddSloBotService(builder.Configuration, mode);

        await using var app = builder.Build();
        app.MapHealth();
        app.MapSlackEndpoints();
        app.MapDiscordEndpoints();
        await app.RunAsync();
        return 0;
    }

    private static bool HasUrls(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["urls"]) || !string.IsNullOrWhiteSpace(configuration["http_ports"]) || !string.IsNullOrWhiteSpace(configuration["https_ports"]);
}
