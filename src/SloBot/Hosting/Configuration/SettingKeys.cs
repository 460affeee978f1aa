using System.Collections;
using System.Globalization;
using System.Reflection;

namespace SloBot.Hosting.Configuration;

/// <summary>
/// Every key SloBot reads under <c>SloBot</c>, built from the options classes themselves (each names its section in a
/// <c>Section</c> constant), so a capability's new options are known without a list to keep up to date.
/// </summary>
internal sealed class SettingKeys
{
    private readonly Dictionary<string, SettingKeys> _children = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The type a value at this key is read as; null for a section.</summary>
    public Type? ValueType { get; private set; }

    /// <summary>The value the options class starts with, as text (what binds when a value can't be read); null if none.</summary>
    public string? Default { get; private set; }

    /// <summary>For lists and maps: what each entry (any key: 0, 1 … or a name) holds.</summary>
    public SettingKeys? Entry { get; private set; }

    public IEnumerable<string> Names => _children.Keys;

    /// <summary>The known key below this one, or null when SloBot reads no such key.</summary>
    public SettingKeys? Child(string key) => Entry ?? _children.GetValueOrDefault(key);

    /// <summary>The tree of every options class of <paramref name="assemblies"/> that declares <c>const string Section</c>.</summary>
    public static SettingKeys From(IEnumerable<Assembly> assemblies)
    {
        var root = new SettingKeys();
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            if (type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field && field.GetRawConstantValue() is string section)
                root.At(section).Add(type);
        }

        return root;
    }

    private SettingKeys At(string path)
    {
        var node = this;
        foreach (var segment in path.Split(':'))
        {
            if (!node._children.TryGetValue(segment, out var next))
                node._children[segment] = next = new SettingKeys();
            node = next;
        }

        return node;
    }

    private void Add(Type type)
    {
        var instance = type.GetConstructor(Type.EmptyTypes) is null ? null : Activator.CreateInstance(type);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var collection = EntryType(property.PropertyType);
            if (property.GetIndexParameters().Length > 0 || (property.SetMethod is not { IsPublic: true } && collection is null))
                continue;
            if (!_children.TryGetValue(property.Name, out var child))
                _children[property.Name] = child = new SettingKeys();
            child.Describe(property.PropertyType);
            if (child.ValueType is not null && instance is not null && property.GetMethod is { IsPublic: true })
                child.Default = Convert.ToString(property.GetValue(instance), CultureInfo.InvariantCulture);
        }
    }

    private void Describe(Type type)
    {
        if (IsValue(type))
        {
            ValueType = type;
        }
        else if (EntryType(type) is { } entry)
        {
            Entry ??= new SettingKeys();
            Entry.Describe(entry);
        }
        else
        {
            Add(type);
        }
    }

    private static bool IsValue(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(TimeSpan) || t == typeof(Uri)
            || t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(Guid);
    }

    /// <summary>The entry type of a list, array or string-keyed map; null for anything else.</summary>
    private static Type? EntryType(Type type)
    {
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
            return null;
        if (type.IsArray)
            return type.GetElementType();
        var generic = type.IsInterface && type.IsGenericType ? [type, .. type.GetInterfaces()] : type.GetInterfaces();
        var map = generic.FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        if (map is not null)
            return map.GetGenericArguments()[1];
        return generic.FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
    }
}
