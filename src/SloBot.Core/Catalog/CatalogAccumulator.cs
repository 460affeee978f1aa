using System.Globalization;
using System.Text;
using SloBot.Core.Catalog.OpenSlo;
using SloBot.Core.Catalog.Yaml;
using SloBot.Core.Text;
using YamlDotNet.RepresentationModel;

namespace SloBot.Core.Catalog;

/// <summary>What the documents of every file declared, resolved into services and SLOs by <see cref="Build"/>.</summary>
internal sealed class CatalogAccumulator(TimeSpan defaultWindow)
{
    private readonly Dictionary<string, (ServiceMetadata Meta, bool Declared)> _services = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ParsedIndicator?> _slis = new(StringComparer.Ordinal);
    private readonly List<(OpenSloSlo Slo, ServiceMetadata Meta)> _openSlos = [];
    private readonly List<(SloDefinition Slo, string File, int Line)> _slos = [];

    public List<CatalogProblem> Problems { get; } = [];

    /// <summary>The window of SLOs that name none.</summary>
    public TimeSpan DefaultWindow => defaultWindow;

    public void AddService(YamlReader r, YamlNode at, string name, ServiceMetadata meta)
    {
        if (_services.TryGetValue(name, out var existing) && existing.Declared)
        {
            r.Problem(at, "metadata.name", $"Service '{name}' is declared twice; the first declaration is used");
            return;
        }

        _services[name] = (existing.Meta is null ? meta : meta.Merge(existing.Meta), true);
    }

    public void AddSlothService(string name, ServiceMetadata meta) => Reference(name, meta);

    public void AddSli(YamlReader r, YamlNode at, string name, ParsedIndicator? query)
    {
        if (_slis.ContainsKey(name))
        {
            r.Problem(at, "metadata.name", $"SLI '{name}' is declared twice; the first declaration is used");
            return;
        }

        _slis[name] = query;
    }

    public void AddOpenSloSlo(OpenSloSlo slo, ServiceMetadata meta) => _openSlos.Add((slo, meta));

    public void AddSlo(YamlReader r, YamlNode at, SloDefinition slo) => _slos.Add((slo, r.File, r.LineOf(at)));

    /// <summary>Resolves references across files and returns the catalog; problems of every file are kept.</summary>
    public InMemorySloCatalog Build()
    {
        var all = new List<(SloDefinition Slo, string File, int Line)>();
        foreach (var (slo, meta) in _openSlos)
        {
            Reference(slo.Service, meta);
            var indicator = slo.Indicator;
            if (slo.IndicatorRef is { } reference)
            {
                if (!_slis.TryGetValue(reference, out indicator))
                {
                    var hint = DidYouMean.Hint(reference, _slis.Keys);
                    Problems.Add(new CatalogProblem(slo.File, slo.IndicatorLine, "spec.indicatorRef", $"no SLI named '{reference}' in the catalog{hint}"));
                    continue;
                }

                if (indicator is null)
                    continue; // the SLI's own problem is already reported
            }

            foreach (var (name, objective) in ObjectiveNames(slo))
            {
                var (query, field, error, hint) = (objective.Indicator ?? indicator!).ForObjective(objective);
                if (query is null)
                {
                    Problems.Add(new CatalogProblem(slo.File, objective.Line, $"objectives ({objective.Name ?? name}).{field}", error!, hint));
                    continue;
                }

                all.Add((new SloDefinition(slo.Service, name, objective.Target, slo.Window.Length, query, slo.Description, slo.File)
                {
                    Calendar = slo.Window.Calendar,
                    TimeSlices = slo.Budgeting == "Occurrences" ? null : new TimeSliceBudget(objective.TimeSliceWindow!.Value, objective.TimeSliceTarget),
                    SourceLine = slo.Line,
                }, slo.File, slo.Line));
            }
        }

        foreach (var (slo, file, line) in _slos)
        {
            Reference(slo.Service, ServiceMetadata.Empty);
            all.Add((slo, file, line));
        }

        var seen = new HashSet<(string, string)>();
        var byService = new Dictionary<string, List<SloDefinition>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (slo, file, line) in all)
        {
            if (!seen.Add((slo.Service.ToUpperInvariant(), slo.Name.ToUpperInvariant())))
            {
                Problems.Add(new CatalogProblem(file, line, "name", $"SLO '{slo.Id}' is declared twice; the first declaration is used"));
                continue;
            }

            if (!byService.TryGetValue(slo.Service, out var list))
                byService[slo.Service] = list = [];
            list.Add(slo);
        }

        var services = _services
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => ToService(s.Key, s.Value.Meta, byService.GetValueOrDefault(s.Key) ?? []))
            .ToArray();
        return new InMemorySloCatalog(services, Problems.Where(p => p.Severity != CatalogSeverity.Note).ToArray())
        {
            Notes = Problems.Where(p => p.Severity == CatalogSeverity.Note).ToArray(),
        };
    }

    private void Reference(string name, ServiceMetadata meta) =>
        _services[name] = _services.TryGetValue(name, out var existing) ? (existing.Meta.Merge(meta), existing.Declared) : (meta, false);

    private static ServiceDefinition ToService(string name, ServiceMetadata meta, List<SloDefinition> slos) => new(
        name,
        slos.Select(s => s.Service == name ? s : s with { Service = name }).ToArray(),
        meta.Tier,
        meta.Owners,
        meta.Channel,
        meta.Dependencies,
        meta.Description,
        meta.Labels);

    /// <summary>One objective keeps the SLO's name; several become "&lt;slo&gt;-&lt;displayName&gt;" or "&lt;slo&gt;-&lt;target %&gt;".</summary>
    private static IEnumerable<(string Name, OpenSloObjective Objective)> ObjectiveNames(OpenSloSlo slo)
    {
        if (slo.Objectives.Count == 1)
        {
            yield return (slo.Name, slo.Objectives[0]);
            yield break;
        }

        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var objective in slo.Objectives)
        {
            var suffix = objective.Name is { } n && Slug(n).Length > 0
                ? Slug(n)
                : (objective.Target * 100).ToString("0.#####", CultureInfo.InvariantCulture);
            var name = $"{slo.Name}-{suffix}";
            for (var i = 2; !used.Add(name); i++)
                name = $"{slo.Name}-{suffix}-{i}";
            yield return (name, objective);
        }
    }

    private static string Slug(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '.')
                sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-')
                sb.Append('-');
        }

        return sb.ToString().Trim('-');
    }
}
