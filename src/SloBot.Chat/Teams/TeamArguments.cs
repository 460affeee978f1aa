using System.Globalization;
using SloBot.Chat.Commands;
using SloBot.Chat.Replies;
using SloBot.Core.Text;

namespace SloBot.Chat.Teams;

/// <summary>The words of the team commands: names checked against the command's, numbers parsed with a clear refusal.</summary>
internal static class TeamArguments
{
    /// <summary>A bad-command reply for a name the command does not take (with a did-you-mean), or null.</summary>
    public static Reply? Unknown(CommandArgs args, CommandSpec spec, params string[] flags) => Unknown(args, spec, positionalAllowed: false, flags);

    /// <summary>As above; with <paramref name="positionalAllowed"/> free words are the command's (a name), not refused.</summary>
    public static Reply? Unknown(CommandArgs args, CommandSpec spec, bool positionalAllowed, params string[] flags)
    {
        var names = spec.Options.Where(o => !o.Positional).Select(o => o.Name).ToArray();
        foreach (var name in args.Named.Keys)
        {
            if (!names.Contains(name, StringComparer.OrdinalIgnoreCase))
                return Reply.BadCommand($"`/slo {spec.Name}` takes no `{name}=`{Hint(name, names, "=")} Usage: `{spec.Usage}`, for example `{spec.Examples[0]}`.");
        }

        foreach (var word in args.Positional.Where(w => !positionalAllowed && !flags.Contains(w, StringComparer.OrdinalIgnoreCase)))
        {
            var hint = DidYouMean.HintOr(".", word, [.. names, .. flags], m => flags.Contains(m) ? m : m + "=…");
            return Reply.BadCommand($"`/slo {spec.Name}` does not understand `{word}`{hint} Usage: `{spec.Usage}`, for example `{spec.Examples[0]}`.");
        }

        return null;
    }

    /// <summary>A number in [<paramref name="min"/>, <paramref name="max"/>] (min exclusive when <paramref name="minExclusive"/>), or the refusal naming it.</summary>
    public static (double? Value, Reply? Error) Number(CommandArgs args, string name, double min, double max, string unit, string example, bool minExclusive = false)
    {
        if (!args.Named.TryGetValue(name, out var text))
            return (null, null);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && (minExclusive ? v > min : v >= min) && v <= max)
            return (v, null);
        var range = minExclusive ? $"above {Show(min)} and at most {Show(max)}" : $"from {Show(min)} to {Show(max)}";
        return (null, Reply.BadCommand($"`{name}={text}` is not usable: give {unit} as a number {range}, for example `{name}={example}`."));
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>], or the refusal naming it.</summary>
    public static (int? Value, Reply? Error) Whole(CommandArgs args, string name, int min, int max, string unit, string example)
    {
        if (!args.Named.TryGetValue(name, out var text))
            return (null, null);
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max)
            return (v, null);
        return (null, Reply.BadCommand($"`{name}={text}` is not usable: give {unit} as a whole number from {min} to {max:N0}, for example `{name}={example}`."));
    }

    private static string Show(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    private static string Hint(string input, IEnumerable<string> candidates, string suffix) =>
        DidYouMean.HintOr(".", input, candidates, m => m + suffix);
}
