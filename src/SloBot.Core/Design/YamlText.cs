using System.Text.Encodings.Web;
using System.Text.Json;

namespace SloBot.Core.Design;

/// <summary>Small helpers for the YAML SloBot writes: quoted scalars and literal blocks.</summary>
internal static class YamlText
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A double-quoted scalar (JSON string escapes are valid YAML escapes).</summary>
    public static string Quote(string value) => JsonSerializer.Serialize(value, Json);

    /// <summary>An identifier (letters, digits, '_', ':') as it is; anything else quoted (an alert name from a Sloth spec).</summary>
    public static string Name(string value) =>
        value.Length > 0 && !char.IsAsciiDigit(value[0]) && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':') ? value : Quote(value);

    /// <summary>A literal block (<c>|-</c>) indented by <paramref name="indent"/> spaces.</summary>
    public static string Block(string value, int indent)
    {
        var pad = new string(' ', indent);
        return "|-\n" + string.Join("\n", value.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(l => l.Length == 0 ? "" : pad + l));
    }
}
