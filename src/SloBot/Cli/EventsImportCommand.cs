using Humanizer;
using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Budgets;
using SloBot.Chat.Replies;
using SloBot.Core.Catalog;
using SloBot.Sli.Embedded;

namespace SloBot.Cli;

/// <summary><c>slobot events import FILE.csv</c>: per-minute counts into the embedded store, all or nothing, idempotent.</summary>
internal static class EventsImportCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, CliArguments cli, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (cli.Words.Count != 2 || !cli.Words[0].Equals("import", StringComparison.OrdinalIgnoreCase))
        {
            await stderr.WriteLineAsync("Usage: slobot events import FILE.csv   (columns: " + string.Join(",", EventCsv.Columns) + ")").ConfigureAwait(false);
            return ExitCodes.BadCommand;
        }

        var file = cli.Words[1];
        if (!File.Exists(file))
        {
            await stderr.WriteLineAsync($"No file '{file}' (full path: {Path.GetFullPath(file)}).").ConfigureAwait(false);
            return ExitCodes.BadCommand;
        }

        IReadOnlyList<MinuteCounts> rows;
        using (var reader = File.OpenText(file))
        {
            var (parsed, errors) = EventCsv.Parse(reader, services.GetRequiredService<TimeProvider>().GetUtcNow());
            if (errors.Count > 0)
            {
                await stderr.WriteLineAsync($"{file}: nothing imported, {"problem".ToQuantity(errors.Count)} found:").ConfigureAwait(false);
                foreach (var e in errors)
                    await stderr.WriteLineAsync("  " + e).ConfigureAwait(false);
                return ExitCodes.BadCommand;
            }

            rows = parsed;
        }

        await services.GetRequiredService<EmbeddedSliStore>().WriteAsync(rows, add: false, cancellationToken).ConfigureAwait(false);
        var catalog = services.GetRequiredService<ISloCatalog>();
        var known = catalog.Services.SelectMany(s => s.Slos).Select(s => s.Id).ToHashSet();
        var slos = rows.Select(r => r.Slo).Distinct().ToArray();
        var first = rows.Count == 0 ? default : rows.Min(r => r.Minute);
        var last = rows.Count == 0 ? default : rows.Max(r => r.Minute);
        await stdout.WriteLineAsync($"Imported {"minute".ToQuantity(rows.Count)} for {"SLO".ToQuantity(slos.Length)} ({string.Join(", ", slos)}), "
            + $"spanning {BudgetFormat.TwoUnits(last - first + TimeSpan.FromMinutes(1))} from {first.UtcDateTime:yyyy-MM-dd HH:mm} UTC.").ConfigureAwait(false);
        foreach (var unknown in slos.Where(s => !known.Contains(s)))
            await stdout.WriteLineAsync($"Note: {unknown} is not in the catalog; its events are stored, but no SLO reads them yet.").ConfigureAwait(false);
        return ExitCodes.Answered;
    }
}
