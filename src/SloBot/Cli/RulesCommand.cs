using Microsoft.Extensions.Configuration;
using SloBot.Catalog;
using SloBot.Chat.Replies;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Design;
using SloBot.Hosting;

namespace SloBot.Cli;

/// <summary>
/// <c>slobot rules [DIR] [--out FILE] [--kubernetes]</c>: Prometheus recording and multi-window burn-rate alert rules for
/// the SLOs of a catalog folder, loaded exactly as the bot loads it (docs/catalog.md, "Rules"). Writes to FILE or stdout;
/// refused files and SLOs are listed on stderr. Exit 0 when every SLO has rules, 1 when a file or SLO was refused, 2 on
/// bad usage.
/// </summary>
internal static class RulesCommand
{
    public const string UsageLine = "Usage: slobot rules [DIR] [--out FILE] [--kubernetes]   (DIR defaults to SloBot:Catalog:Path)";

    public static async Task<int> RunAsync(CliArguments cli, TextWriter stdout, TextWriter stderr)
    {
        if (cli.Words.Count > 1)
        {
            await stderr.WriteLineAsync($"Too many arguments: {string.Join(' ', cli.Words)}." + Environment.NewLine + UsageLine).ConfigureAwait(false);
            return ExitCodes.BadCommand;
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. cli.ConfigArgs])
            .Build();
        var options = new SloBotOptions();
        configuration.GetSection(SloBotOptions.Section).Bind(options);
        var folder = cli.Words.Count == 1 ? cli.Words[0] : options.Catalog.Path;
        if (string.IsNullOrWhiteSpace(folder) || !Directory.Exists(folder))
        {
            await stderr.WriteLineAsync((string.IsNullOrWhiteSpace(folder) ? "No catalog folder: give DIR or set SloBot:Catalog:Path." : $"No folder '{folder}' (full path: {Path.GetFullPath(folder)}).")
                + Environment.NewLine + UsageLine).ConfigureAwait(false);
            return ExitCodes.BadCommand;
        }

        if (!SloWindow.TryParse(options.Catalog.DefaultWindow, out var defaultWindow) || defaultWindow < TimeSpan.FromHours(1))
        {
            await stderr.WriteLineAsync($"SloBot:Catalog:DefaultWindow '{options.Catalog.DefaultWindow}' is not a window such as 30d.").ConfigureAwait(false);
            return ExitCodes.BadCommand;
        }

        if (cli.OutDir is { } outFile && Directory.Exists(outFile))
        {
            await stderr.WriteLineAsync($"--out '{outFile}' is a folder; give the rules file to write, e.g. --out {Path.Combine(outFile, "slo-rules.yaml")}.").ConfigureAwait(false);
            return ExitCodes.BadCommand;
        }

        var catalog = new FileSloCatalog(folder, defaultWindow);
        // Targets approved in quarterly plans replace the catalog's from their quarter's start (docs/planning.md).
        var (services, changes) = PlannedTargetsForRules.Apply(catalog.Services, await PlannedTargetsForRules.ReadAsync(configuration, CancellationToken.None).ConfigureAwait(false), TimeProvider.System.GetUtcNow());
        foreach (var change in changes)
            await stderr.WriteLineAsync($"Approved target in force: {change}").ConfigureAwait(false);
        var slos = services.SelectMany(s => s.Slos).ToArray();
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        var text = cli.Kubernetes
            ? CatalogRules.WriteKubernetes(services, $"slobot-{(name.Length == 0 ? "catalog" : name.ToLowerInvariant())}-slos", name, Sli.Prometheus.PromQlPreview.ForWindow)
            : CatalogRules.Write(services, name, Sli.Prometheus.PromQlPreview.ForWindow);
        if (cli.OutDir is { } file)
        {
            await File.WriteAllTextAsync(file, text).ConfigureAwait(false);
            await stderr.WriteLineAsync($"Wrote rules for {slos.Length} SLO(s) to {file}.").ConfigureAwait(false);
        }
        else
        {
            await stdout.WriteAsync(text).ConfigureAwait(false);
        }

        var refused = catalog.Problems.Where(p => p.Severity == CatalogSeverity.Error).ToArray();
        if (refused.Length == 0)
            return ExitCodes.Answered;
        await stderr.WriteLineAsync($"{refused.Length} refused (no rules for them; `slobot catalog check` explains):").ConfigureAwait(false);
        foreach (var p in refused)
            await stderr.WriteLineAsync($"  {p}").ConfigureAwait(false);
        return ExitCodes.SourceFailed;
    }
}
