using SloBot.Cli;
using SloBot.Hosting.Configuration;
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
        Telemetry.AddConsoleLogs(builder.Logging, builder.Configuration);
        builder.Logging.AddFilter(HostCategory, LogLevel.None); // its start-up and background failures come with stack traces: reported below, in one line
        if (mode.Interactive)
            QuietLogging.Apply(builder.Configuration);
        if (!HasUrls(builder.Configuration))
            builder.WebHost.UseUrls(mode.Interactive ? "http://127.0.0.1:0" : "http://0.0.0.0:8080");
        builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        var valueProblems = ConfigurationCheck.ReadValues(builder.Configuration);

        builder.Services.AddSloBot(builder.Configuration, mode);
        builder.Services.AddSloBotService(builder.Configuration, mode);
        builder.Services.AddSloBotTelemetry(builder.Configuration);
        builder.Services.ListenFirst(); // health endpoints answer while storage and catalog are prepared; transports start after

        await using var app = builder.Build();
        ConfigurationCheck.Validate(app.Services, valueProblems); // every section at once, before any endpoint resolves its options
        app.UseStartingGate();
        app.MapHealth();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapSlackEndpoints();
        app.MapDiscordEndpoints();
        // Taken now: RunAsync disposes the container. Building them is cheap (each service is built once start-up is done).
        var runner = app.Services.GetRequiredService<StartupRunner>();
        var deferred = app.Services.GetServices<IHostedService>().OfType<AfterStartup>().ToArray();
        try
        {
            await app.RunAsync();
        }
        catch (OperationCanceledException) when (app.Lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // stopped (SIGTERM, Ctrl+C) while still starting: a normal stop
        }

        // Start-up, a service's start or a background service failed and stopped the host: say why (SloBotCli prints
        // "SloBot stopped: …", exit 1).
        var failure = runner.Failure
            ?? deferred.Select(s => s.Failure).FirstOrDefault(e => e is not null)
            ?? deferred.Select(s => s.Inner).OfType<BackgroundService>()
                .Select(s => s.ExecuteTask?.Exception?.GetBaseException())
                .FirstOrDefault(e => e is not null and not OperationCanceledException);
        if (failure is not null)
            throw failure;
        return 0;
    }

    /// <summary>The generic host's own log category.</summary>
    public const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    private static bool HasUrls(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["urls"]) || !string.IsNullOrWhiteSpace(configuration["http_ports"]) || !string.IsNullOrWhiteSpace(configuration["https_ports"]);
}
