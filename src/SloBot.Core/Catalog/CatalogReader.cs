using System.Text;
using SloBot.Core.Catalog.OpenSlo;
using SloBot.Core.Catalog.Sloth;
using SloBot.Core.Catalog.Yaml;
using YamlDotNet.RepresentationModel;

namespace SloBot.Core.Catalog;

/// <summary>
/// Reads SLO catalog YAML (OpenSLO v1 and v1alpha, Sloth prometheus/v1 and its Kubernetes PrometheusServiceLevel;
/// several documents per text, or a top-level list of them) into services and SLOs. Pure parsing: callers read the
/// files. Add every file, then <see cref="Build"/>: references (indicatorRef, services) resolve across files, and a
/// broken file, document or SLO is a <see cref="CatalogProblem"/> while the rest loads. Never throws for any input.
/// </summary>
public sealed class CatalogReader
{
    /// <summary>The window of an SLO that names none (Sloth specs, OpenSLO without timeWindow): 30 days, Sloth's default period.</summary>
    public static readonly TimeSpan StandardDefaultWindow = TimeSpan.FromDays(30);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly CatalogAccumulator _catalog;

    /// <param name="defaultWindow">The window of SLOs that name none (<c>SloBot:Catalog:DefaultWindow</c>); 30 days when null.</param>
    public CatalogReader(TimeSpan? defaultWindow = null)
    {
        if (defaultWindow is { } w && w <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(defaultWindow), w, "The default window must be longer than zero.");
        _catalog = new CatalogAccumulator(defaultWindow ?? StandardDefaultWindow);
    }

    /// <summary>Reads one file's bytes: UTF-8 (a BOM is allowed), at most <see cref="CatalogLimits.MaxFileBytes"/>.</summary>
    public CatalogReader Add(string file, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > CatalogLimits.MaxFileBytes)
            return AddProblem(TooLarge(file, bytes.Length));
        if (bytes.StartsWith("\uFEFF"u8))
            bytes = bytes[3..];
        if (bytes.StartsWith(new byte[] { 0xFF, 0xFE }) || bytes.StartsWith(new byte[] { 0xFE, 0xFF }))
            return AddProblem(new CatalogProblem(file, 1, "(file)", "is UTF-16 text; SloBot reads catalog files as UTF-8", "save the file as UTF-8"));
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var offset = Math.Clamp(e.Index, 0, Math.Max(0, bytes.Length - 1));
            var line = 1 + bytes[..offset].Count((byte)'\n');
            return AddProblem(new CatalogProblem(file, line, "(file)", $"is not UTF-8: byte 0x{bytes[offset]:X2} at offset {offset} cannot be decoded",
                "save the file as UTF-8 (non-ASCII text such as 'é' must be UTF-8 encoded)"));
        }

        return Add(file, text);
    }

    /// <summary>Reads one text; <paramref name="file"/> names it in problems (a path relative to the catalog folder reads best).</summary>
    public CatalogReader Add(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > CatalogLimits.MaxFileBytes)
            return AddProblem(TooLarge(file, text.Length));
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            var line = 1 + text.AsSpan(0, text.IndexOf('\0', StringComparison.Ordinal)).Count('\n');
            return AddProblem(new CatalogProblem(file, line, "(file)", "contains a NUL character; this is not a YAML text file"));
        }

        foreach (var document in YamlDocumentSplitter.Split(file, text))
        {
            if (document.Problem is { } problem)
            {
                _catalog.Problems.Add(problem);
                continue;
            }

            var r = new YamlReader(file, document.FirstLine, _catalog.Problems);
            if (document.Root is YamlSequenceNode list)
            {
                // A top-level list of objects (the OpenSLO SDK's and tools' form): each item is a document.
                for (var i = 0; i < list.Children.Count; i++)
                    ReadSafely(r, list.Children[i], $"[{i}]");
            }
            else
            {
                ReadSafely(r, document.Root!, null);
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

    private static CatalogProblem TooLarge(string file, long size) => new(file, null, "(file)",
        $"is {size:N0} bytes; catalog files may be at most {CatalogLimits.MaxFileBytes:N0} bytes (1 MiB)",
        "split the catalog into one file per service");

    private void ReadSafely(YamlReader r, YamlNode root, string? item)
    {
        try
        {
            ReadDocument(r, root, item);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            r.Problem(root, item ?? "(document)", $"could not be read: {e.Message}");
        }
    }

    private void ReadDocument(YamlReader r, YamlNode root, string? item)
    {
        var at = item is null ? "" : item + ".";
        if (root is not YamlMappingNode)
        {
            r.Problem(root, item ?? "(document)", "expected a mapping with apiVersion (OpenSLO, Sloth's PrometheusServiceLevel) or version (Sloth)");
            return;
        }

        var apiVersion = YamlReader.String(root, "apiVersion");
        var version = YamlReader.String(root, "version");
        var kind = YamlReader.String(root, "kind");
        if (apiVersion == "openslo/v1")
        {
            OpenSloDocuments.Read(r, root, _catalog);
        }
        else if (apiVersion == "openslo/v1alpha")
        {
            OpenSloV1Alpha.Read(r, root, _catalog);
        }
        else if (version == "prometheus/v1")
        {
            SlothSpec.Read(r, root, _catalog, SlothNaming.SnakeCase);
        }
        else if (apiVersion == "sloth.slok.dev/v1" && kind == "PrometheusServiceLevel")
        {
            r.Known(root, at.TrimEnd('.'), "apiVersion", "kind", "metadata", "spec", "status");
            if (YamlReader.Child(root, "spec") is YamlMappingNode spec)
                SlothSpec.Read(r, spec, _catalog, SlothNaming.CamelCase);
            else
                r.Problem(root, at + "spec", "PrometheusServiceLevel has no spec", "Sloth's Kubernetes form keeps service and slos under spec");
        }
        else if (kind is "List" or "PrometheusServiceLevelList" && YamlReader.Child(root, "items") is YamlSequenceNode items)
        {
            // kubectl's "kind: List" (and Sloth's list kind): each item is a document.
            for (var i = 0; i < items.Children.Count; i++)
                ReadDocument(r, items.Children[i], $"{at}items[{i}]");
        }
        else if (apiVersion == "sloth.slok.dev/v1")
        {
            var what = kind is null ? "has no kind" : $"kind '{kind}' is not an SLO spec";
            var severity = kind == "AlertWindows" ? CatalogSeverity.Note : CatalogSeverity.Error;
            r.Problem(YamlReader.Child(root, "kind") ?? root, at + "kind", $"sloth.slok.dev/v1 {what}; SloBot reads PrometheusServiceLevel",
                kind == "AlertWindows" ? "Sloth's alert windows are ignored; SloBot's burn-rate alerts are its own" : null, severity);
        }
        else if (apiVersion is not null)
        {
            r.Problem(YamlReader.Child(root, "apiVersion"), at + "apiVersion", $"'{apiVersion}' is not supported",
                "expected openslo/v1, openslo/v1alpha or sloth.slok.dev/v1 (or Sloth's version: prometheus/v1)");
        }
        else if (version is not null)
        {
            r.Problem(YamlReader.Child(root, "version"), at + "version", $"'{version}' is not supported", "expected Sloth's prometheus/v1");
        }
        else
        {
            r.Problem(root, at + "apiVersion", "is missing", "expected apiVersion: openslo/v1 (or openslo/v1alpha, sloth.slok.dev/v1) or Sloth's version: prometheus/v1");
        }
    }
}
