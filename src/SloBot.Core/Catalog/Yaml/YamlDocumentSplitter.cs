using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace SloBot.Core.Catalog.Yaml;

/// <summary>One document of a multi-document YAML text, parsed on its own so that a broken document spoils only itself.</summary>
internal sealed record YamlDocumentText(int FirstLine, YamlNode? Root, CatalogProblem? Problem);

/// <summary>Splits YAML text at <c>---</c> lines and parses each document, keeping line numbers of the whole file.</summary>
internal static class YamlDocumentSplitter
{
    public static IEnumerable<YamlDocumentText> Split(string file, string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var current = new StringBuilder();
        var firstLine = 1;
        var documents = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var isSeparator = line == "---" || line.StartsWith("--- ", StringComparison.Ordinal) || line == "...";
            if (!isSeparator)
            {
                current.Append(line).Append('\n');
                continue;
            }

            if (Parse(file, current.ToString(), firstLine) is { } doc)
            {
                if (++documents > CatalogLimits.MaxDocuments)
                {
                    yield return new YamlDocumentText(firstLine, null, new CatalogProblem(file, firstLine, "(yaml)",
                        $"has more than {CatalogLimits.MaxDocuments} documents; the rest of the file is not read"));
                    yield break;
                }

                yield return doc;
            }

            current.Clear();
            firstLine = i + 2;
            // "--- key: value" starts a document on the separator line itself.
            if (line.StartsWith("--- ", StringComparison.Ordinal))
            {
                current.Append(line[4..]).Append('\n');
                firstLine = i + 1;
            }
        }

        if (Parse(file, current.ToString(), firstLine) is { } last)
            yield return last;
    }

    private static YamlDocumentText? Parse(string file, string text, int firstLine)
    {
        if (text.Split('\n').All(l => l.TrimStart().Length == 0 || l.TrimStart().StartsWith('#') || l.StartsWith('%')))
            return null;
        var lastLine = firstLine + text.TrimEnd().Split('\n').Length - 1;
        try
        {
            // The representation model recurses once per level: measure the depth with the (iterative) parser first.
            if (TooDeep(text) is { } deep)
            {
                return new YamlDocumentText(firstLine, null, new CatalogProblem(file, firstLine + deep - 1, "(yaml)",
                    $"nests mappings and lists more than {CatalogLimits.MaxDepth} levels deep; SloBot stops reading this document there",
                    "an SLO needs about 10 levels; this is probably not a catalog file"));
            }

            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            var root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
            return root is null ? null : new YamlDocumentText(firstLine, root, null);
        }
        catch (YamlException e)
        {
            // An error at the end of the document (an unclosed bracket) points at its last line, not the separator.
            var line = Math.Clamp(firstLine + (int)e.Start.Line - 1, firstLine, lastLine);
            return new YamlDocumentText(firstLine, null, new CatalogProblem(file, line, "(yaml)", $"not valid YAML: {Clean(e)}"));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever else the YAML library throws (it has thrown InvalidOperationException on some typos) spoils this
            // document only, with the file named.
            return new YamlDocumentText(firstLine, null, new CatalogProblem(file, firstLine, "(yaml)", $"not valid YAML: {e.Message}",
                "check the document starting on this line for unclosed brackets or quotes"));
        }
    }

    /// <summary>The 1-based line where nesting first goes past <see cref="CatalogLimits.MaxDepth"/>, or null.</summary>
    private static int? TooDeep(string text)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case MappingStart or SequenceStart:
                    if (++depth > CatalogLimits.MaxDepth)
                        return (int)parser.Current.Start.Line;
                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
        }

        return null;
    }

    private static string Clean(YamlException e)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (Line: …): "; the line is reported separately.
        var message = e.InnerException?.Message ?? e.Message;
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 ? message[(cut + 3)..] : message;
    }
}
