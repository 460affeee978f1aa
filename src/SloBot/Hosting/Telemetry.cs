using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace SloBot.Hosting;

/// <summary>
/// <c>SloBot:Telemetry</c>: the bot's own telemetry. <c>/metrics</c> (Prometheus text format) is always served;
/// <c>OtlpEndpoint</c> also exports metrics and traces over OTLP (or set OpenTelemetry's standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>); <c>JsonLogs</c> writes console logs as one JSON object per line, with the chat
/// event's <c>CorrelationId</c> in its scope.
/// </summary>
internal sealed class TelemetryOptions
{
    public const string Section = "SloBot:Telemetry";

    /// <summary>An OTLP endpoint such as <c>http://otel-collector:4317</c> (gRPC) or <c>…:4318</c> with <see cref="OtlpProtocol"/> <c>http/protobuf</c>.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>Console logs as JSON lines (for log shippers) instead of text.</summary>
    public bool JsonLogs { get; set; }
}

internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var errors = new List<string>();
        if (options.OtlpEndpoint is { Length: > 0 } endpoint && !(Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            errors.Add($"{TelemetryOptions.Section}:OtlpEndpoint '{endpoint}' is not an http(s) URL, e.g. http://otel-collector:4317.");
        if (options.OtlpProtocol is not ("grpc" or "http/protobuf"))
            errors.Add($"{TelemetryOptions.Section}:OtlpProtocol '{options.OtlpProtocol}' must be grpc or http/protobuf.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

internal static class Telemetry
{
    /// <summary>Every meter SloBot's projects create (SloBot.Chat, SloBot.Transport, SloBot.Sli …).</summary>
    public const string Meters = "SloBot.*";

    /// <summary>Logging as <c>SloBot:Telemetry:JsonLogs</c> says (text otherwise), for every mode.</summary>
    public static void AddConsoleLogs(ILoggingBuilder logging, IConfiguration configuration)
    {
        if (configuration.GetValue<bool>($"{TelemetryOptions.Section}:JsonLogs"))
        {
            logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
            logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }
        else
        {
            logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }
    }

    /// <summary>Metrics for <c>/metrics</c> (and OTLP), traces over OTLP when an endpoint is configured.</summary>
    public static IServiceCollection AddSloBotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<TelemetryOptions, TelemetryOptionsValidator>().Bind(configuration.GetSection(TelemetryOptions.Section));
        var settings = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = !string.IsNullOrWhiteSpace(settings.OtlpEndpoint) || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("slobot", serviceVersion: typeof(Telemetry).Assembly.GetName().Version?.ToString()))
            .WithMetrics(m =>
            {
                // System.Runtime: .NET's own meter (garbage collections and their pause time, thread pool queue, CPU).
                m.AddMeter(Meters, "System.Runtime").AddPrometheusExporter();
                if (otlp)
                    m.AddOtlpExporter(o => Otlp(o, settings));
            });
        if (otlp)
            telemetry.WithTracing(t => t.AddSource(Meters).AddOtlpExporter(o => Otlp(o, settings)));
        return services;
    }

    private static void Otlp(OpenTelemetry.Exporter.OtlpExporterOptions o, TelemetryOptions settings)
    {
        if (Uri.TryCreate(settings.OtlpEndpoint, UriKind.Absolute, out var endpoint))
            o.Endpoint = endpoint;
        if (settings.OtlpProtocol == "http/protobuf")
            o.Protocol = OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf;
    }
}
