using System.Reflection;
using Microsoft.Extensions.Options;

namespace SloBot.Hosting.Configuration;

/// <summary>
/// Start-up's one configuration check: every value read as its type, every section's validator run, and all problems
/// reported together (exit 2) before any endpoint or transport starts.
/// </summary>
internal static class ConfigurationCheck
{
    /// <summary>The projects whose options classes SloBot binds (each declares its <c>Section</c>).</summary>
    private static readonly Assembly[] Projects =
    [
        typeof(SloBotOptions).Assembly,
        typeof(Chat.Alerts.AlertOptions).Assembly,
        typeof(Storage.StorageOptions).Assembly,
        typeof(Sli.Prometheus.PrometheusOptions).Assembly,
        typeof(Slack.Configuration.SlackOptions).Assembly,
        typeof(Discord.Configuration.DiscordOptions).Assembly,
    ];

    /// <summary>Every key SloBot knows under <c>SloBot</c>.</summary>
    public static SettingKeys Keys { get; } = SettingKeys.From(Projects);

    /// <summary>
    /// Before the services are registered: the values that can't be read as their type, and the unknown keys. Unreadable
    /// values are replaced by their defaults so that binding succeeds and the validators report their own problems too.
    /// </summary>
    public static IReadOnlyList<ValueProblem> ReadValues(IConfigurationManager configuration)
    {
        var problems = new ConfigurationValues(Keys).Check(configuration);
        var unreadable = problems.Where(p => p.Unreadable).ToArray();
        if (unreadable.Length > 0)
            configuration.AddInMemoryCollection(unreadable.Select(p => KeyValuePair.Create(p.Key, p.Default)));
        return problems;
    }

    /// <summary>After the container is built: every options validator at once, with the value problems found before.</summary>
    /// <exception cref="InvalidConfigurationException">When anything is wrong; it lists every problem.</exception>
    public static void Validate(IServiceProvider services, IReadOnlyList<ValueProblem> valueProblems)
    {
        var failures = new List<string>();
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException e)
        {
            failures.AddRange(e.Failures);
        }
        catch (AggregateException a) when (a.InnerExceptions.All(e => e is OptionsValidationException))
        {
            failures.AddRange(a.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures));
        }

        // About a value that could not be read, a validator judged the default bound in its place: its word is dropped.
        // About an unknown key, a validator that names it (SloBot:Schedule:… is not a scheduled post) says it better.
        failures.RemoveAll(f => valueProblems.Any(p => p.Unreadable && Names(f, p.Key)));
        var problems = valueProblems
            .Where(p => p.Unreadable || !failures.Any(f => Names(f, p.Key)))
            .Select(p => p.Message)
            .Concat(failures)
            .ToArray();
        if (problems.Length > 0)
            throw new InvalidConfigurationException(problems);
    }

    private static bool Names(string failure, string key) =>
        failure.StartsWith(key, StringComparison.OrdinalIgnoreCase) && failure.Length > key.Length && failure[key.Length] is ' ' or '=';
}

/// <summary>The configuration can't be used; <see cref="Problems"/> names every bad key (exit 2).</summary>
internal sealed class InvalidConfigurationException(IReadOnlyList<string> problems)
    : Exception("The configuration is invalid: " + string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
