using Microsoft.Extensions.Options;
using SloBot.Chat.Reviews;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using SloBot.Core.Text;

namespace SloBot.Chat.StatusPage;

/// <summary>
/// The customers' status page (seed 004's <c>status_page</c> format: availability, incidents, resolutions) from live
/// data: only the services of <c>SloBot:StatusPage:Services</c>, under their public names, with no SLO names, targets or
/// budgets. One batched count for every service's period and last hour; per-day figures only when asked (the page).
/// </summary>
internal sealed class StatusPageBuilder(ISloCatalog catalog, ISliSource source, ReviewData data, IOptions<StatusPageOptions> options)
{
    /// <summary>A burn rate at or above this over the last hour is a major outage (the page-now threshold of the multi-window alerts).</summary>
    public const double MajorOutageBurn = 14.4;

    private static readonly TimeSpan LastHour = TimeSpan.FromHours(1);

    public StatusPageOptions Options => options.Value;

    /// <summary>
    /// The page for [<paramref name="from"/>, <paramref name="to"/>). With <paramref name="days"/>, also one figure per
    /// whole UTC day of the period (the page's squares). Problems (a listed service not in the catalog…) are for the team.
    /// </summary>
    public async Task<StatusPageData> BuildAsync(DateTimeOffset from, DateTimeOffset to, bool days, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var shown = new List<(string Key, string Name, SloDefinition Slo)>();
        foreach (var (key, settings) in options.Value.Services)
        {
            if (catalog.FindService(key) is not { } service)
            {
                problems.Add($"{StatusPageOptions.Section}:Services:{key} names no catalog service{DidYouMean.Hint(key, catalog.Services.Select(s => s.Name))}; it is left off the page.");
                continue;
            }

            var slo = settings.Slo is { } wanted
                ? service.Slos.FirstOrDefault(s => s.Name.Equals(wanted, StringComparison.OrdinalIgnoreCase))
                : service.Slos.FirstOrDefault(s => s.Name.Equals("availability", StringComparison.OrdinalIgnoreCase)) ?? service.Slos.FirstOrDefault();
            if (slo is null)
            {
                problems.Add(settings.Slo is { } w
                    ? $"{StatusPageOptions.Section}:Services:{key}:Slo names no SLO of {service.Name} (`{w}`{DidYouMean.Hint(w, service.Slos.Select(s => s.Name))}); it is left off the page."
                    : $"{service.Name} has no SLO to show as its availability; it is left off the page.");
                continue;
            }

            shown.Add((key, settings.Name.Trim(), slo));
        }

        var period = to - from;
        var counts = shown.Count == 0 ? new SliCounts() : await source.CountAsync([.. shown.Select(s => s.Slo)], [period, LastHour], to, cancellationToken).ConfigureAwait(false);
        var services = new List<StatusPageServiceData>();
        foreach (var (_, name, slo) in shown)
        {
            var failed = counts.FailureOf(slo.Id) is not null;
            if (failed)
                problems.Add($"{name}: {counts.FailureOf(slo.Id)}");
            var availability = failed ? null : Availability(counts.Get(slo.Id, period));
            var status = failed ? StatusWords.NoData : Status(slo, counts.Get(slo.Id, LastHour));
            var daily = days ? await DaysAsync(slo, from, to, cancellationToken).ConfigureAwait(false) : [];
            services.Add(new StatusPageServiceData(name, status, availability, daily));
        }

        var names = shown.ToDictionary(s => s.Slo.Service, s => s.Name, StringComparer.OrdinalIgnoreCase);
        var listed = new HashSet<string>(names.Keys, StringComparer.OrdinalIgnoreCase);
        var incidents = (await data.IncidentsAsync(from, to, cancellationToken, listed).ConfigureAwait(false))
            .Where(i => i.Counted && i.Services.Any(names.ContainsKey))
            .Select(i => new StatusPageIncident(
                [.. i.Services.Where(names.ContainsKey).Select(s => names[s]).Distinct()],
                i.Start,
                i.End,
                i.DurationSeconds,
                Resolved: i.End < to,
                Reviewed: i.RetrospectiveId.Length > 0));
        return new StatusPageData(options.Value.Title, from, to, services, Merge(incidents), problems) { SourceFailures = shown.Count(s => counts.FailureOf(s.Slo.Id) is not null) };
    }

    /// <summary>
    /// One incident per outage as customers lived it: incidents that overlap in time and share a service (a service's
    /// availability and latency SLOs burning together, a retrospective and its data) become one, with every service
    /// either touched; it is resolved when all of them are, reviewed when any is.
    /// </summary>
    public static IReadOnlyList<StatusPageIncident> Merge(IEnumerable<StatusPageIncident> incidents)
    {
        var merged = new List<StatusPageIncident>();
        foreach (var next in incidents.OrderBy(i => i.Start))
        {
            var into = merged.FindIndex(m => next.Start < m.End && m.Services.Intersect(next.Services).Any());
            if (into < 0)
            {
                merged.Add(next);
                continue;
            }

            var m = merged[into];
            var end = m.End > next.End ? m.End : next.End;
            merged[into] = new StatusPageIncident([.. m.Services.Union(next.Services)], m.Start, end, (end - m.Start).TotalSeconds, m.Resolved && next.Resolved, m.Reviewed || next.Reviewed);
        }

        return merged;
    }

    /// <summary>Good ÷ total over the period; null without events (never "100 %" on no data).</summary>
    public static double? Availability(EventCounts counts) =>
        counts.Total > 0 && double.IsFinite(counts.Good) && double.IsFinite(counts.Total) ? Math.Clamp(counts.Good / counts.Total, 0, 1) : null;

    /// <summary>
    /// Now, from the last hour: no events is no data; burning the error budget slower than it accrues is operational;
    /// up to <see cref="MajorOutageBurn"/>× is degraded performance; beyond, a major outage.
    /// </summary>
    public static string Status(SloDefinition slo, EventCounts lastHour)
    {
        if (Availability(lastHour) is not { } availability)
            return StatusWords.NoData;
        var budget = slo.ErrorBudgetRatio;
        var burn = budget > 0 ? (1 - availability) / budget : (availability < 1 ? double.PositiveInfinity : 0);
        return burn switch
        {
            < 1 => StatusWords.Operational,
            < MajorOutageBurn => StatusWords.Degraded,
            _ => StatusWords.MajorOutage,
        };
    }

    /// <summary>One figure per whole UTC day from <paramref name="from"/>'s midnight, up to the last midnight before <paramref name="to"/>.</summary>
    private async Task<IReadOnlyList<StatusPageDay>> DaysAsync(SloDefinition slo, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var start = new DateTimeOffset(from.UtcDateTime.Date, TimeSpan.Zero);
        var end = new DateTimeOffset(to.UtcDateTime.Date, TimeSpan.Zero);
        if (end <= start)
            return [];
        var buckets = await source.SeriesAsync(slo, start, end, TimeSpan.FromDays(1), cancellationToken).ConfigureAwait(false);
        return buckets.Select(b => new StatusPageDay(DateOnly.FromDateTime(b.End.UtcDateTime.AddDays(-1)), b.Missing ? null : Availability(b.Counts))).ToArray();
    }
}

/// <summary>The words of a service's status (also its value in <c>--json</c> and status.json).</summary>
public static class StatusWords
{
    public const string Operational = "operational";
    public const string Degraded = "degraded performance";
    public const string MajorOutage = "major outage";
    public const string NoData = "no data";
}

/// <summary>What the page says; <see cref="Problems"/> are for the team (chat, stderr), never on the page.</summary>
public sealed record StatusPageData(string Title, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<StatusPageServiceData> Services, IReadOnlyList<StatusPageIncident> Incidents, IReadOnlyList<string> Problems)
{
    /// <summary>Services the SLI source could not count (shown as "no data"; the reason is in <see cref="Problems"/>).</summary>
    public int SourceFailures { get; init; }

    /// <summary>
    /// The public content (status.json): availability as a ratio 0–1 (null: no events), times ISO 8601, durations in
    /// seconds. With <paramref name="forTeam"/> (the post's <c>--json</c>) also <c>kind</c> and the team's <c>problems</c>.
    /// </summary>
    public object ToData(bool forTeam = false) => forTeam
        ? (object)new { kind = "customers", title = Title, from = From, to = To, services = PublicServices(), incidents = PublicIncidents(), problems = Problems }
        : new { title = Title, from = From, to = To, services = PublicServices(), incidents = PublicIncidents() };

    private object PublicServices() => Services.Select(s => new { name = s.Name, status = s.Status, availability = s.Availability, days = s.Days.Select(d => new { date = d.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), availability = d.Availability }) });

    private object PublicIncidents() => Incidents.Select(i => new { services = i.Services, start = i.Start, end = i.End, durationSeconds = i.DurationSeconds, resolved = i.Resolved, reviewed = i.Reviewed });
}

public sealed record StatusPageServiceData(string Name, string Status, double? Availability, IReadOnlyList<StatusPageDay> Days);

/// <summary>A whole UTC day; availability null when the source had no events for it.</summary>
public sealed record StatusPageDay(DateOnly Date, double? Availability);

/// <summary>An incident on the page: the public names it touched, when, and whether it is over and reviewed.</summary>
public sealed record StatusPageIncident(IReadOnlyList<string> Services, DateTimeOffset Start, DateTimeOffset End, double DurationSeconds, bool Resolved, bool Reviewed);
