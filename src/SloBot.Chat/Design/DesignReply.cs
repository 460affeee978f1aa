using System.Globalization;
using SloBot.Chat.Budgets;
using SloBot.Chat.Replies;
using SloBot.Core.Budgets;
using SloBot.Core.Design;
using SloBot.Core.Tiers;

namespace SloBot.Chat.Design;

internal static class DesignReply
{
    /// <param name="options">The options given (" tier=essential targets=tier"), repeated in the hint that writes the files.</param>
    public static Reply Render(SloSpecification s, IReadOnlyList<ReplyAttachment> files, string options = "")
    {
        var p = s.Profile;
        var source = s.TierSource switch
        {
            "option" => "as asked",
            "adopted" => "the adopted tier",
            _ => "the catalog's tier",
        };
        var blocks = new List<ReplyBlock>
        {
            new TextBlock($"**{s.Tier.ToTitle()}** tier ({source}): {p.Description.ToLowerInvariant()}. " +
                          $"Availability {Number(p.AvailabilityPercent)} %, p99 under {Number(p.LatencyP99Ms)} ms, errors at most {BudgetFormat.Percent(p.ErrorRateMax, 2)}."),
            new FieldsBlock(
            [
                new ReplyField("Dependencies", Dependencies(s.Dependencies)),
                new ReplyField("Measurement", $"{string.Join(" + ", s.Measurement.DataSources)}, every {BudgetFormat.Length(s.Measurement.CollectionInterval)}, " +
                                               $"kept {BudgetFormat.Length(s.Measurement.StorageRetention)}"),
                new ReplyField("SLI candidates", string.Join(", ", s.SliCandidates.Select(c => c.Recommended ? c.Name : $"{c.Name} (optional)"))),
            ]),
            new TableBlock(["SLO", "target", "window", "error budget", "allowed"], s.Slos.Select(slo => (IReadOnlyList<string>)
            [
                slo.DisplayName,
                Target(slo),
                SloWindow.Format(slo.Definition.Window),
                BudgetFormat.Percent(slo.ErrorBudget, 3),
                slo.Name == "availability" ? $"{BudgetFormat.TwoUnits(slo.AllowedBadTime)} of downtime" : $"{BudgetFormat.Percent(slo.ErrorBudget, 3)} of requests slower",
            ]).ToArray()),
            new TableBlock(["alert", "windows", "burn rate", "budget spent", "budget gone in"], s.BurnRateAlerts.Select(a => (IReadOnlyList<string>)
            [
                a.Severity,
                $"{SloWindow.Format(a.LongWindow)} & {SloWindow.Format(a.ShortWindow)}",
                $"{Number(a.Factor)}×",
                BudgetFormat.Percent(a.BudgetConsumed, 0),
                BudgetFormat.TwoUnits(a.TimeToExhaustion(SloDesigner.Window)),
            ]).ToArray()),
        };
        if (s.Warnings.Count > 0)
            blocks.Add(new TextBlock(string.Join("\n", s.Warnings.Select(w => $"⚠️ {w}"))));
        if (s.Slos.Where(slo => !slo.QueriesFromCatalog).Select(slo => slo.Name).ToArray() is { Length: > 0 } defaulted)
        {
            var which = defaulted.Length == 1 ? $"The {defaulted[0]} SLI uses" : $"The {string.Join(" and ", defaulted)} SLIs use";
            blocks.Add(new TextBlock($"{which} SloBot's default metrics (`http_requests_total`, `http_request_duration_seconds`): " +
                                     "adapt the selectors in the files to yours."));
        }
        return new Reply
        {
            Header = $"SLO design · {s.Service}",
            Blocks = blocks,
            Attachments = files,
            Context = $"Attached: {string.Join(", ", files.Select(f => f.FileName))} · `slobot ask \"/slo design {s.Service}{options}\" --out DIR` writes them to DIR",
            Summary = $"{s.Service}: {s.Tier.ToWord()} SLOs designed ({BudgetFormat.Target(s.Availability.Definition.Target)} availability, {BudgetFormat.TwoUnits(s.Availability.AllowedBadTime)} of downtime per 30 days)",
            Data = DesignData.From(s, files.Select(f => f.FileName).ToArray()),
        };
    }

    /// <summary>"99.9 % (catalog; the tier proposes 99.95 %: 21 minutes 36 seconds less budget)".</summary>
    private static string Target(DesignedSlo slo)
    {
        var target = BudgetFormat.Target(slo.Definition.Target);
        if (slo.OtherTarget is not { } other || slo.BudgetDifference is not { } difference)
            return target;
        // difference: the designed target's budget minus the other's; said from the other one's side
        var change = $"{BudgetFormat.TwoUnits(difference)} {(difference > TimeSpan.Zero ? "less" : "more")} budget";
        return slo.Definition.Target == slo.CatalogTarget
            ? $"{target} (catalog; the tier proposes {BudgetFormat.Target(other)}: {change})"
            : $"{target} (tier; the catalog has {BudgetFormat.Target(other)}: {change})";
    }

    private static string Dependencies(DependencyLimit limit)
    {
        if (limit.Dependencies.Count == 0)
            return "none in the catalog";
        var list = string.Join(", ", limit.Dependencies.Select(d => d.AvailabilityPercent is { } a ? $"{d.Service} {Number(a)} %" : $"{d.Service} (unknown)"));
        return limit.AvailabilityPercent is { } product ? $"{list} → at most {Number(Math.Round(product, 4))} % together" : list;
    }

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
