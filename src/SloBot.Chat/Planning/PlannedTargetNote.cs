using SloBot.Chat.Replies;
using SloBot.Core.Catalog;

namespace SloBot.Chat.Planning;

/// <summary>The line <c>/slo design</c> adds when a quarterly plan's approved targets replace the catalog's.</summary>
internal static class PlannedTargetNote
{
    public static TextBlock? For(ISloCatalog catalog, ServiceDefinition? service)
    {
        if (catalog is not PlannedSloCatalog planned || service is null)
            return null;
        var lines = service.Slos.Select(s => (Slo: s, Approved: planned.InForce(s.Id)))
            .Where(x => x.Approved is { } a && a.Target != a.CatalogTarget)
            .Select(x => $"{x.Slo.Name} {PlanText.Percent(x.Approved!.CatalogTarget * 100)} → {PlanText.Percent(x.Approved.Target * 100)} ({x.Approved.Quarter} plan, from {x.Approved.EffectiveFrom.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)} UTC)")
            .ToArray();
        return lines.Length == 0 ? null : new TextBlock($"🗓️ Approved in a quarterly plan, these targets replace the catalog's here and in budgets and rules: {string.Join("; ", lines)}.");
    }
}
