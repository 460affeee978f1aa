using SloBot.Core.Text;

namespace SloBot.Hosting.Configuration;

/// <summary>
/// Reads every value under <c>SloBot</c> as the type its options class gives it, before anything binds: a value that
/// can't be read (<c>SloBot:Alerts:Interval=abc</c>) or a key SloBot doesn't know (<c>SloBot:Slak:BotToken</c>, with a
/// did-you-mean) becomes one line naming the key, so every problem is reported together with the validators' own.
/// </summary>
internal sealed class ConfigurationValues(SettingKeys keys)
{
    public const string Root = "SloBot";

    /// <summary>Every value that can't be read as its type and every unknown key, in the order of the configuration.</summary>
    public IReadOnlyList<ValueProblem> Check(IConfiguration configuration)
    {
        var problems = new List<ValueProblem>();
        if (keys.Child(Root) is { } root)
            Walk(configuration.GetSection(Root), root, problems);
        return problems;
    }

    private static void Walk(IConfigurationSection section, SettingKeys known, List<ValueProblem> problems)
    {
        foreach (var child in section.GetChildren())
        {
            if (known.ValueType is not null || known.Child(child.Key) is not { } key)
            {
                problems.Add(new(child.Path, Unknown(child.Path, known)));
                continue;
            }

            if (key.ValueType is { } type && child.Value is { } value && !Readable(section, child.Key, type))
            {
                var (what, expected) = Describe(type);
                problems.Add(new(child.Path, $"{child.Path}={value} is not {what}; expected {expected}{Hint(value, type)}") { Unreadable = true, Default = key.Default });
            }

            Walk(child, key, problems);
        }
    }

    private static bool Readable(IConfiguration section, string key, Type type)
    {
        try
        {
            section.GetValue(type, key); // the binder's own conversion, so what passes here binds
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string Unknown(string path, SettingKeys known)
    {
        var parent = path[..path.LastIndexOf(':')];
        var key = path[(parent.Length + 1)..];
        var names = known.Names.Order(StringComparer.Ordinal).ToArray();
        if (names.Length == 0)
            return $"{path} is not a SloBot setting: {parent} is a single value, not a section.";
        var hint = DidYouMean.HintOr(".", key, names, m => $"{parent}:{m}");
        return $"{path} is not a SloBot setting{hint} Keys under {parent}: {string.Join(", ", names)}.";
    }

    private static (string What, string Expected) Describe(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t switch
        {
            _ when t == typeof(bool) => ("a yes/no value", "true or false"),
            _ when t == typeof(TimeSpan) => ("a duration", "hh:mm:ss such as 00:01:00, or d.hh:mm:ss such as 3.00:00:00"),
            _ when t == typeof(Uri) => ("a URL", "an absolute URL such as https://example.com/"),
            _ when t.IsEnum => ("one of its choices", string.Join(" or ", Enum.GetNames(t))),
            _ when t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte) || t == typeof(uint) || t == typeof(ulong) =>
                ("a whole number", "digits such as 8"),
            _ when t == typeof(double) || t == typeof(float) || t == typeof(decimal) => ("a number", "a number such as 99.9"),
            _ => ($"a {t.Name}", $"a {t.Name}"),
        };
    }

    private static string Hint(string value, Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsEnum ? DidYouMean.HintOr(".", value, Enum.GetNames(t)) : ".";
    }
}

/// <summary>One key that is wrong: a value that can't be read (bound as <see cref="Default"/> meanwhile) or an unknown key.</summary>
internal sealed record ValueProblem(string Key, string Message)
{
    public bool Unreadable { get; init; }

    public string? Default { get; init; }
}
