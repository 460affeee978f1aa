using Microsoft.Extensions.Options;
using SloBot.Core.Text;

namespace SloBot.Hosting;

/// <summary>The host's own keys under <c>SloBot</c>. Each transport and source validates its own section.</summary>
internal sealed class SloBotOptions
{
    public const string Section = "SloBot";

    public CatalogSection Catalog { get; set; } = new();

    public SliSection Sli { get; set; } = new();

    public ConsoleSection Console { get; set; } = new();

    internal sealed class CatalogSection
    {
        /// <summary>A folder of OpenSLO / Sloth YAML files, read recursively. Empty: no files (the demo catalog with --demo).</summary>
        public string? Path { get; set; }

        /// <summary>The rolling window of SLOs that name none (Sloth specs, OpenSLO without timeWindow). Default 30d, Sloth's default period.</summary>
        public string DefaultWindow { get; set; } = "30d";

        internal TimeSpan DefaultWindowSpan => Core.Budgets.SloWindow.TryParse(DefaultWindow, out var w) ? w : TimeSpan.FromDays(30);
    }

    internal sealed class ConsoleSection
    {
        /// <summary>The console chat (stdin/stdout) even when no terminal is attached, e.g. over a pipe.</summary>
        public bool Enabled { get; set; }
    }

    internal sealed class SliSection
    {
        /// <summary><c>Embedded</c> (default) or <c>Prometheus</c>.</summary>
        public string Source { get; set; } = SliSources.Embedded;
    }
}

internal static class SliSources
{
    public const string Embedded = "Embedded";
    public const string Prometheus = "Prometheus";
    public static readonly string[] All = [Embedded, Prometheus];

    public static bool IsPrometheus(string? source) => string.Equals(source, Prometheus, StringComparison.OrdinalIgnoreCase);
}

internal sealed class SloBotOptionsValidator : IValidateOptions<SloBotOptions>
{
    public ValidateOptionsResult Validate(string? name, SloBotOptions options)
    {
        var failures = new List<string>();
        var source = options.Sli.Source;
        if (!SliSources.All.Contains(source, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"SloBot:Sli:Source must be Embedded or Prometheus, not '{source}'{DidYouMean.HintOr(".", source, SliSources.All)}");
        }

        if (!string.IsNullOrWhiteSpace(options.Catalog.Path) && !Directory.Exists(options.Catalog.Path))
            failures.Add($"SloBot:Catalog:Path must be an existing folder of OpenSLO or Sloth YAML files; '{options.Catalog.Path}' does not exist (full path: {System.IO.Path.GetFullPath(options.Catalog.Path)})");
        if (!Core.Budgets.SloWindow.TryParse(options.Catalog.DefaultWindow, out var window) || window < TimeSpan.FromHours(1) || window > TimeSpan.FromDays(400))
            failures.Add($"SloBot:Catalog:DefaultWindow '{options.Catalog.DefaultWindow}' is not a window from 1h to 400d; expected e.g. 30d or 28d");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
