using System.Globalization;
using SloBot.Core.Text;

namespace SloBot.Chat.Commands;

/// <summary>Reads one typed value for an option of its kind: the parsed value, or the problem as a sentence.</summary>
internal static class OptionValue
{
    /// <summary>Parses <paramref name="text"/>; <paramref name="typed"/> is how the user wrote it (<c>lines=-5</c>, or the bare word).</summary>
    public static (object? Value, string? Problem) Parse(CommandOption option, string text, string typed) => option.Kind switch
    {
        OptionKind.Integer => Integer(option, text, typed),
        OptionKind.Number => Number(option, text, typed),
        OptionKind.Boolean => Boolean(option, text, typed),
        _ when option.Choices is { Count: > 0 } => Choice(option, text, typed),
        _ => (text, null),
    };

    public static string Expected(CommandOption option) => option.Kind switch
    {
        OptionKind.Integer => "a whole number" + Range(option, "N0"),
        OptionKind.Number => "a number" + Range(option, "0.###"),
        OptionKind.Boolean => $"`{option.Name}` alone, or `{option.Name}=true` / `{option.Name}=false`",
        _ when option.Choices is { Count: > 0 } choices => "one of " + string.Join(", ", choices.Select(c => $"`{c}`")),
        _ => "a value",
    };

    private static (object?, string?) Integer(CommandOption option, string text, string typed)
    {
        // "1,200", "1_200" and "#12" (an item's number) are whole numbers as people write them.
        var t = text.Trim().TrimStart('#').Replace(",", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        if (!long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) || !InRange(option, n, int.MinValue, int.MaxValue))
            return (null, Problem(option, typed));
        return ((int)n, null);
    }

    private static (object?, string?) Number(CommandOption option, string text, string typed)
    {
        var t = text.Trim().TrimEnd('%').Trim();
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d) || !InRange(option, d, double.MinValue, double.MaxValue))
            return (null, Problem(option, typed));
        return (d, null);
    }

    private static (object?, string?) Boolean(CommandOption option, string text, string typed) => text.Trim().ToLowerInvariant() switch
    {
        "" or "true" or "yes" or "on" or "1" => (true, null),
        "false" or "no" or "off" or "0" => (false, null),
        _ => (null, Problem(option, typed)),
    };

    private static (object?, string?) Choice(CommandOption option, string text, string typed)
    {
        var key = Squash(text);
        var choices = option.Choices!;
        if (choices.FirstOrDefault(c => Squash(c) == key) is { } choice)
            return (choice, null);
        if (option.Synonyms?.FirstOrDefault(kv => Squash(kv.Key) == key) is { Value: { } synonym })
            return (synonym, null);
        var hint = DidYouMean.Hint(text, choices, m => option.Positional ? m : $"{option.Name}={m}");
        return (null, $"`{typed}` is not a choice for `{option.Name}`{(hint.Length > 0 ? hint : ".")} Choose {Expected(option)}.");
    }

    /// <summary>Choices match whatever the case and separators: <c>data-pipeline</c>, <c>DataPipeline</c>, <c>best effort</c>.</summary>
    private static string Squash(string text) => new string(text.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();

    private static bool InRange(CommandOption option, double value, double min, double max) =>
        value >= (option.Min ?? min) && value <= (option.Max ?? max);

    private static string Problem(CommandOption option, string typed) =>
        $"`{typed}`: expected {(option.Positional ? $"the {option.Name}, " : "")}{Expected(option)}.";

    private static string Range(CommandOption option, string format) => (option.Min, option.Max) switch
    {
        ({ } min, { } max) => $" from {min.ToString(format, CultureInfo.InvariantCulture)} to {max.ToString(format, CultureInfo.InvariantCulture)}",
        ({ } min, null) => $" of at least {min.ToString(format, CultureInfo.InvariantCulture)}",
        (null, { } max) => $" of at most {max.ToString(format, CultureInfo.InvariantCulture)}",
        _ => "",
    };
}
