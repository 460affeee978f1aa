namespace SloBot.Core.Catalog;

/// <summary>
/// Service metadata from labels and annotations (docs/catalog.md, "Service metadata").
/// Keys: <c>slobot.io/tier</c>, <c>slobot.io/owners</c> (comma-separated platform user ids), <c>slobot.io/channel</c>,
/// <c>slobot.io/dependencies</c> (comma-separated service names); plain <c>tier</c>, <c>owners</c>/<c>owner</c>/<c>team</c>,
/// <c>channel</c> and <c>dependencies</c> are accepted when the prefixed key is absent. Annotations win over labels.
/// </summary>
internal sealed record ServiceMetadata(
    string? Tier,
    IReadOnlyList<string>? Owners,
    string? Channel,
    IReadOnlyList<string>? Dependencies,
    string? Description,
    IReadOnlyDictionary<string, string> Labels)
{
    public const string TierKey = "slobot.io/tier";
    public const string OwnersKey = "slobot.io/owners";
    public const string ChannelKey = "slobot.io/channel";
    public const string DependenciesKey = "slobot.io/dependencies";

    public static ServiceMetadata Empty { get; } = new(null, null, null, null, null, new Dictionary<string, string>());

    public static ServiceMetadata From(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string>? annotations = null, string? description = null)
    {
        string? Find(params string[] keys)
        {
            foreach (var key in keys)
            {
                if (annotations is not null && annotations.TryGetValue(key, out var a) && a.Trim().Length > 0)
                    return a.Trim();
                if (labels.TryGetValue(key, out var l) && l.Trim().Length > 0)
                    return l.Trim();
            }

            return null;
        }

        return new ServiceMetadata(
            Find(TierKey, "tier"),
            List(Find(OwnersKey, "owners", "owner", "team")),
            Find(ChannelKey, "channel"),
            List(Find(DependenciesKey, "dependencies")),
            string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
            labels);
    }

    /// <summary>This metadata, with gaps filled from <paramref name="other"/>.</summary>
    public ServiceMetadata Merge(ServiceMetadata other)
    {
        var labels = new Dictionary<string, string>(other.Labels, StringComparer.Ordinal);
        foreach (var (k, v) in Labels)
            labels[k] = v;
        return new ServiceMetadata(
            Tier ?? other.Tier,
            Owners ?? other.Owners,
            Channel ?? other.Channel,
            Dependencies ?? other.Dependencies,
            Description ?? other.Description,
            labels);
    }

    private static string[]? List(string? value)
    {
        if (value is null)
            return null;
        var items = value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return items.Length == 0 ? null : items;
    }
}
