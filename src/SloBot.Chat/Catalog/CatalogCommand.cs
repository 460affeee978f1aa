using Humanizer;
using SloBot.Chat.Commands;
using SloBot.Chat.Replies;
using SloBot.Core.Catalog;

namespace SloBot.Chat.Catalog;

/// <summary><c>/slo catalog</c>: what the loaded catalog holds and what it refused, as <c>slobot catalog check</c> says in full.</summary>
internal sealed class CatalogCommand(ISloCatalog catalog) : ICommandHandler
{
    /// <summary>Most findings listed in chat; the rest are counted.</summary>
    public const int MaxListed = 15;

    public CommandSpec Spec { get; } = new("catalog", "What the SLO catalog holds and which files or SLOs it refused", [], ["/slo catalog"]);

    public Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var slos = catalog.Services.SelectMany(s => s.Slos).ToArray();
        var findings = catalog.Problems.Concat(catalog.Notes)
            .OrderBy(p => p.Severity).ThenBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line ?? 0).ToArray();
        var errors = findings.Count(p => p.Severity == CatalogSeverity.Error);
        var warnings = findings.Count(p => p.Severity == CatalogSeverity.Warning);
        var notes = findings.Count(p => p.Severity == CatalogSeverity.Note);
        var kinds = slos.GroupBy(s => s.SliKind()).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
        var windows = slos.GroupBy(s => $"{s.WindowKind()} {s.WindowText()}").OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} {g.Key}");
        var headline = $"**{"service".ToQuantity(catalog.Services.Count)}**, **{"SLO".ToQuantity(slos.Length)}**" +
                       (slos.Length == 0 ? "." : $" (SLIs: {string.Join(", ", kinds)}; windows: {string.Join(", ", windows)}).");
        var verdict = errors == 0
            ? $"Nothing refused; {"warning".ToQuantity(warnings)}, {"note".ToQuantity(notes)}."
            : $"**{"problem".ToQuantity(errors)}**: those files or SLOs are not loaded; {"warning".ToQuantity(warnings)}, {"note".ToQuantity(notes)}.";
        var listed = findings.Where(p => p.Severity != CatalogSeverity.Note).Take(MaxListed).ToArray();
        var blocks = new List<ReplyBlock> { new TextBlock(headline), new TextBlock(verdict) };
        if (listed.Length > 0)
        {
            blocks.Add(new TableBlock(["", "where", "field", "what"], listed.Select(p => (IReadOnlyList<string>)
                [p.Severity == CatalogSeverity.Error ? "refused" : "warning", p.Where, p.Field, p.Hint is null ? p.Message : $"{p.Message} ({p.Hint})"]).ToArray()));
        }

        var rest = errors + warnings - listed.Length;
        return Task.FromResult(new Reply
        {
            Header = "SLO catalog",
            Blocks = blocks,
            Context = (rest > 0 ? $"{"more problem".ToQuantity(rest)} not shown. " : "") +
                      "`slobot catalog check` lists every SLO with its PromQL, and every problem and note.",
            Summary = $"{"SLO".ToQuantity(slos.Length)}, {"problem".ToQuantity(errors)} in the catalog",
            Data = new
            {
                services = catalog.Services.Count,
                slos = slos.Length,
                errors,
                warnings,
                notes,
                problems = findings.Select(p => new { file = p.File, line = p.Line, field = p.Field, message = p.Message, hint = p.Hint, severity = p.Severity.Word() }).ToArray(),
            },
        });
    }
}
