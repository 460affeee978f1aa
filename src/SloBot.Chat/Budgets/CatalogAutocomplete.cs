using SloBot.Chat.Delivery;
using SloBot.Core.Catalog;

namespace SloBot.Chat.Budgets;

/// <summary>Service names for any option named "service", prefix matches first, at most 25 (Discord's limit).</summary>
internal sealed class CatalogAutocomplete(ISloCatalog catalog) : IChatAutocomplete
{
    public IReadOnlyList<string> Suggest(string command, string option, string typed)
    {
        if (!string.Equals(option, "service", StringComparison.OrdinalIgnoreCase))
            return [];
        return catalog.Services
            .Select(s => s.Name)
            .Where(n => n.Contains(typed, StringComparison.OrdinalIgnoreCase))
            .OrderBy(n => n.StartsWith(typed, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(n => n, StringComparer.Ordinal)
            .Take(25)
            .ToArray();
    }
}
