using System.Globalization;
using SloBot.Core.Catalog;
using SloBot.Core.Tiers;

namespace SloBot.Core.Design;

/// <summary>Builds the SLO specification of seed 000 §8.1 from a tier, the catalog's queries and the dependencies.</summary>
public static class SloDesigner
{
    /// <summary>The document's SLO window: 30 days, rolling.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    public static SloSpecification Design(DesignRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var profile = TierProfiles.For(request.Tier);
        var warnings = new List<string>();
        var availability = Availability(request, profile, warnings);
        var latency = Latency(request, profile, warnings);
        var limit = DependencyLimit.Of(request.Dependencies);
        if (limit.WarningFor(profile.AvailabilityPercent) is { } dependencyWarning)
            warnings.Insert(0, dependencyWarning);
        if (request.Dependencies.Where(d => d.AvailabilityPercent is null).Select(d => d.Service).ToArray() is { Length: > 0 } unknown)
            warnings.Add($"No SLO or tier is known for {string.Join(", ", unknown)}: not counted in the dependency limit.");
        if (request.CatalogService is null)
            warnings.Add($"{request.Service} is not in the SLO catalog: add the OpenSLO file to the catalog to track it.");

        // A best-effort service has no on-call (seed 000 tiers): its burn-rate alerts are tickets, none pages.
        var alerts = request.Tier == ServiceTier.BestEffort
            ? BurnRateAlerts.For(Window).Select(a => a with { Severity = "ticket" }).ToArray()
            : BurnRateAlerts.For(Window);
        if (request.Tier == ServiceTier.BestEffort)
            warnings.Add("Best effort has no on-call: every burn-rate alert is a ticket, none pages.");
        var windows = BurnRateAlerts.Windows(alerts).Append(Window).ToArray();
        var measurement = new MeasurementStrategy(
            ["prometheus", "application_logs"],
            TimeSpan.FromSeconds(30),
            windows,
            TimeSpan.FromDays(90),
            DashboardUid(request.Service),
            [.. request.Tier == ServiceTier.BestEffort ? Array.Empty<string>() : ["pagerduty"], request.CatalogService?.Channel is { } channel ? $"slack {channel}" : "slack"]);
        return new SloSpecification(request.Service, request.CatalogService is not null, request.Tier, request.TierSource, profile, limit,
            SliCandidate.All, [availability, latency], alerts, measurement, warnings);
    }

    /// <summary>A Grafana uid (at most 40 characters of letters, digits, '-' and '_').</summary>
    public static string DashboardUid(string service)
    {
        var clean = new string(service.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
        var uid = $"slobot-{clean}";
        return uid.Length <= 40 ? uid : uid[..40];
    }

    private static DesignedSlo Availability(DesignRequest request, TierProfile profile, List<string> warnings)
    {
        var existing = Existing(request.CatalogService, "avail");
        var (target, catalogTarget, tierTarget) = Target(request, existing, profile.AvailabilityPercent / 100, warnings);
        var query = existing?.Indicator ?? new SliQuery(
            SliQueryKind.Counter,
            null,
            $"http_requests_total{{service=\"{request.Service}\",code=~\"5..\"}}",
            $"http_requests_total{{service=\"{request.Service}\"}}");
        return Slo(request.Service, "availability", $"{request.Service} availability", target, query, existing is not null,
            $"Share of {request.Service} requests that succeed (not 5xx)") with { CatalogTarget = catalogTarget, TierTarget = tierTarget };
    }

    private static DesignedSlo Latency(DesignRequest request, TierProfile profile, List<string> warnings)
    {
        var existing = Existing(request.CatalogService, "latency");
        var (target, catalogTarget, tierTarget) = Target(request, existing, 0.99, warnings);
        var seconds = (profile.LatencyP99Ms / 1000).ToString("0.###", CultureInfo.InvariantCulture);
        var query = existing?.Indicator ?? new SliQuery(
            SliQueryKind.Counter,
            $"http_request_duration_seconds_bucket{{service=\"{request.Service}\",le=\"{seconds}\"}}",
            null,
            $"http_request_duration_seconds_count{{service=\"{request.Service}\"}}");
        return Slo(request.Service, "latency", $"{request.Service} p99 latency under {profile.LatencyP99Ms} ms", target, query, existing is not null,
            $"Share of {request.Service} requests served within {profile.LatencyP99Ms} ms (99 % of them is the p99 target)") with { CatalogTarget = catalogTarget, TierTarget = tierTarget };
    }

    private static DesignedSlo Slo(string service, string name, string displayName, double target, SliQuery query, bool fromCatalog, string description)
    {
        var budget = (double)(1m - (decimal)target);
        var definition = new SloDefinition(service, name, target, Window, query, description);
        return new DesignedSlo(definition, displayName, budget, Window * budget, fromCatalog);
    }

    private static SloDefinition? Existing(ServiceDefinition? service, string nameContains) =>
        service?.Slos.FirstOrDefault(s => s.Name.Contains(nameContains, StringComparison.OrdinalIgnoreCase) && s.Indicator.Total.Length > 0);

    /// <summary>
    /// The target to design: the catalog SLO's (what budgets and releases use) unless <c>targets=tier</c>; when the two
    /// differ, both are returned and a warning names them with the budget difference in minutes over the window.
    /// </summary>
    private static (double Target, double? Catalog, double? Tier) Target(DesignRequest request, SloDefinition? existing, double tier, List<string> warnings)
    {
        if (existing is null || (decimal)existing.Target == (decimal)tier)
            return (existing?.Target ?? tier, null, null);
        var minutes = (double)((decimal)existing.Target - (decimal)tier) * Window.TotalMinutes; // catalog minus tier, in budget minutes
        var tierWord = request.Tier.ToWord();
        warnings.Add(request.TierTargets
            ? string.Create(CultureInfo.InvariantCulture, $"The catalog's {existing.Name} SLO targets {existing.Target * 100:0.####} %; this design uses the {tierWord} tier's {tier * 100:0.####} % (targets=tier), {Math.Abs(minutes):0.#} minutes {(minutes > 0 ? "more" : "less")} budget per 30 days. Budgets and releases keep the catalog's target until the catalog changes.")
            : string.Create(CultureInfo.InvariantCulture, $"The catalog's {existing.Name} SLO targets {existing.Target * 100:0.####} %, kept in this design; the {tierWord} tier proposes {tier * 100:0.####} %, {Math.Abs(minutes):0.#} minutes {(minutes > 0 ? "more" : "less")} budget per 30 days (`targets=tier` designs with it)."));
        return (request.TierTargets ? tier : existing.Target, existing.Target, tier);
    }
}
