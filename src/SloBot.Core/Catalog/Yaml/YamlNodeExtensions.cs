using System.Globalization;
using SloBot.Core.Text;
using YamlDotNet.RepresentationModel;

namespace SloBot.Core.Catalog.Yaml;

/// <summary>Typed, line-aware reading of a YAML node for the catalog parsers.</summary>
internal sealed class YamlReader(string file, int firstLine, List<CatalogProblem> problems)
{
    public string File => file;

    public int LineOf(YamlNode? node) => node is null ? firstLine : firstLine + (int)node.Start.Line - 1;

    public void Problem(YamlNode? node, string field, string message, string? hint = null, CatalogSeverity severity = CatalogSeverity.Error) =>
        problems.Add(new CatalogProblem(file, LineOf(node), field, message, hint, severity));

    /// <summary>Something loaded but not used as written.</summary>
    public void Warning(YamlNode? node, string field, string message, string? hint = null) => Problem(node, field, message, hint, CatalogSeverity.Warning);

    /// <summary>Something ignored on purpose, or a default applied.</summary>
    public void Note(YamlNode? node, string field, string message, string? hint = null) => Problem(node, field, message, hint, CatalogSeverity.Note);

    /// <summary>
    /// Names every key of <paramref name="node"/> that is not one of <paramref name="known"/>: a warning when it looks like a
    /// typo of a known key (with the suggestion), else a note.
    /// </summary>
    public void Known(YamlNode? node, string prefix, IReadOnlyCollection<string> known)
    {
        if (node is not YamlMappingNode map)
            return;
        foreach (var (k, _) in map.Children)
        {
            if (Scalar(k) is not { } key || known.Contains(key))
                continue;
            var field = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (DidYouMean.Suggest(key, known) is { } suggestion)
                Warning(k, field, "is not a field SloBot knows here and is ignored", DidYouMean.Question(suggestion));
            else
                Note(k, field, "is not a field SloBot reads here and is ignored");
        }
    }

    public void Known(YamlNode? node, string prefix, params string[] known) => Known(node, prefix, (IReadOnlyCollection<string>)known);

    public static YamlNode? Child(YamlNode? node, string key)
    {
        if (node is not YamlMappingNode map)
            return null;
        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode s && s.Value == key)
                return v;
        }

        return null;
    }

    public static YamlNode? Path(YamlNode? node, params string[] keys)
    {
        foreach (var key in keys)
            node = Child(node, key);
        return node;
    }

    public static string? Scalar(YamlNode? node) =>
        node is YamlScalarNode { Value: { } v } && v.Length > 0 && v != "~" && v != "null" ? v : null;

    public static string? String(YamlNode? parent, params string[] keys) => Scalar(Path(parent, keys));

    /// <summary>A required string; records a problem naming <paramref name="field"/> when it is missing.</summary>
    public string? Required(YamlNode parent, string field, params string[] keys)
    {
        var node = Path(parent, keys);
        var value = Scalar(node);
        if (value is null)
            Problem(node ?? parent, field, node is null ? "is missing" : "must be a non-empty string");
        return value;
    }

    public double? Number(YamlNode? node, string field)
    {
        if (node is null)
            return null;
        if (Scalar(node) is { } s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
            return d;
        Problem(node, field, $"must be a number, not '{Scalar(node) ?? node.NodeType.ToString()}'");
        return null;
    }

    public bool? Bool(YamlNode? node, string field)
    {
        if (node is null)
            return null;
        var s = Scalar(node);
        if (string.Equals(s, "true", StringComparison.OrdinalIgnoreCase))
            return true;
        if (string.Equals(s, "false", StringComparison.OrdinalIgnoreCase))
            return false;
        Problem(node, field, $"must be true or false, not '{s}'");
        return null;
    }

    /// <summary>A string map (labels, annotations). OpenSLO label values may be lists; they are joined with commas.</summary>
    public static Dictionary<string, string> StringMap(YamlNode? node)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is not YamlMappingNode map)
            return result;
        foreach (var (k, v) in map.Children)
        {
            if (Scalar(k) is not { } key)
                continue;
            var value = v switch
            {
                YamlSequenceNode seq => string.Join(",", seq.Children.Select(Scalar).OfType<string>()),
                _ => Scalar(v),
            };
            if (value is not null)
                result[key] = value;
        }

        return result;
    }
}
