using SloBot.Core.Catalog.OpenSlo;
using SloBot.Core.Catalog.Sloth;
using SloBot.Core.Catalog.Yaml;
using YamlDotNet.RepresentationModel;

namespace SloBot.Core.Catalog;

/// <summary>
/// Reads SLO catalog YAML (OpenSLO v1 and Sloth prometheus/v1, several documents per text) into services and SLOs.
/// Pure parsing: callers read the files. Add every file, then <see cref="Build"/>: references (indicatorRef,
/// services) resolve across files, and a broken document is a <see cref="CatalogProblem"/> while the rest loads.
/// </summary>
public sealed class CatalogReader
{
    private readonly CatalogAccumulator _catalog = new();

    /// <summary>Reads one text; <paramref name="file"/> names it in problems (a path relative to the catalog folder reads best).</summary>
    public CatalogReader Add(string file, string text)
    {
        foreach (var document in YamlDocumentSplitter.Split(file, text))
        {
            if (document.Problem is { } problem)
            {
                _catalog.Problems.Add(problem);
                continue;
            }

            var r = new YamlReader(file, document.FirstLine, _catalog.Problems);
            try
            {
                ReadDocument(r, document.Root!);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
            {
                r.Problem(document.Root, "(document)", $"could not be read: {e.Message}");
            }
        }

        return this;
    }

    /// <summary>A problem found outside the YAML (an unreadable file), kept with the others.</summary>
    public CatalogReader AddProblem(CatalogProblem problem)
    {
        _catalog.Problems.Add(problem);
        return this;
    }

    public InMemorySloCatalog Build() => _catalog.Build();

    /// <summary>Reads a single text into a catalog.</summary>
    public static InMemorySloCatalog Read(string file, string text) => new CatalogReader().Add(file, text).Build();

    private void ReadDocument(YamlReader r, YamlNode root)
    {
        if (root is not YamlMappingNode)
        {
            r.Problem(root, "(document)", "expected a mapping with apiVersion (OpenSLO) or version (Sloth)");
            return;
        }

        var apiVersion = YamlReader.String(root, "apiVersion");
        var version = YamlReader.String(root, "version");
        if (apiVersion == "openslo/v1")
        {
            OpenSloDocuments.Read(r, root, _catalog);
        }
        else if (version == "prometheus/v1")
        {
            SlothSpec.Read(r, root, _catalog);
        }
        else if (apiVersion == "sloth.slok.dev/v1" && YamlReader.String(root, "kind") == "PrometheusServiceLevel")
        {
            if (YamlReader.Child(root, "spec") is { } spec)
                SlothSpec.Read(r, spec, _catalog);
            else
                r.Problem(root, "spec", "PrometheusServiceLevel has no spec");
        }
        else if (apiVersion is not null)
        {
            var hint = apiVersion.StartsWith("openslo", StringComparison.OrdinalIgnoreCase) ? " (write the document in openslo/v1)" : "";
            r.Problem(YamlReader.Child(root, "apiVersion"), "apiVersion", $"'{apiVersion}' is not supported{hint}; expected openslo/v1 or sloth.slok.dev/v1");
        }
        else if (version is not null)
        {
            r.Problem(YamlReader.Child(root, "version"), "version", $"'{version}' is not supported; expected Sloth's prometheus/v1");
        }
        else
        {
            r.Problem(root, "apiVersion", "is missing; expected apiVersion: openslo/v1 or Sloth's version: prometheus/v1");
        }
    }
}
