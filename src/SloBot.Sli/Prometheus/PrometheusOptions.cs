using System.Globalization;
using Microsoft.Extensions.Options;
using SloBot.Core.Budgets;

namespace SloBot.Sli.Prometheus;

/// <summary>Configuration of <c>SloBot:Sli:Prometheus</c> (docs/prometheus.md).</summary>
public sealed class PrometheusOptions
{
    public const string Section = "SloBot:Sli:Prometheus";

    /// <summary>Base URL of the Prometheus HTTP API, e.g. <c>http://prometheus:9090</c> (user:password@ for basic auth).</summary>
    public string? Url { get; set; }

    /// <summary>How long one query may take: "30s", "2m" or "00:00:30". Default 30 seconds.</summary>
    public string Timeout { get; set; } = "30s";

    /// <summary>Longest PromQL text sent in one request, in characters; longer batches are split. Default 1,000,000.</summary>
    public int MaxQueryLength { get; set; } = 1_000_000;

    /// <summary>Largest answer SloBot reads, in bytes; a larger one is refused as an SLI-source failure. Default 32 MiB.</summary>
    public long MaxResponseBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>
    /// Into how many queries, sent at once, the counts of a large batch are split (Prometheus evaluates one query on one
    /// core): parts of at least <see cref="MinSlosPerQuery"/> SLOs, so small batches stay one query. Default 4, at most 16.
    /// </summary>
    public int ParallelQueries { get; set; } = 4;

    /// <summary>The fewest SLOs in one part of a split batch (<see cref="ParallelQueries"/>).</summary>
    public const int MinSlosPerQuery = 100;

    internal Uri BaseUri => new(Url!.EndsWith('/') ? Url : Url + "/", UriKind.Absolute);

    internal TimeSpan TimeoutSpan => ParseTimeout(Timeout) ?? TimeSpan.FromSeconds(30);

    internal static TimeSpan? ParseTimeout(string? text)
    {
        if (SloWindow.TryParse(text, out var t))
            return t;
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero ? span : null;
    }
}

/// <summary>Fails the host at start with the key's name when the Prometheus settings are unusable.</summary>
internal sealed class PrometheusOptionsValidator : IValidateOptions<PrometheusOptions>
{
    public ValidateOptionsResult Validate(string? name, PrometheusOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Url))
        {
            errors.Add($"{PrometheusOptions.Section}:Url is required when SloBot:Sli:Source is Prometheus; expected an absolute http(s) URL such as http://prometheus:9090.");
        }
        else if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            errors.Add($"{PrometheusOptions.Section}:Url '{Redact(options.Url)}' is not an absolute http(s) URL; expected e.g. http://prometheus:9090.");
        }

        if (PrometheusOptions.ParseTimeout(options.Timeout) is not { } timeout || timeout > TimeSpan.FromHours(1))
            errors.Add($"{PrometheusOptions.Section}:Timeout '{options.Timeout}' is not a duration between 1ms and 1h; expected e.g. 30s or 2m.");
        if (options.MaxQueryLength < 10_000)
            errors.Add($"{PrometheusOptions.Section}:MaxQueryLength {options.MaxQueryLength} is too small; expected at least 10000 characters.");
        if (options.ParallelQueries is < 1 or > 16)
            errors.Add($"{PrometheusOptions.Section}:ParallelQueries {options.ParallelQueries} is out of range; expected 1 to 16.");
        if (options.MaxResponseBytes < 65_536)
            errors.Add($"{PrometheusOptions.Section}:MaxResponseBytes {options.MaxResponseBytes} is too small; expected at least 65536 bytes.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>The URL without user info, for messages and logs.</summary>
    internal static string Redact(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? uri.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped)
            : url;
}
