namespace SloBot.Hosting;

/// <summary>
/// For a person at a terminal (ask, import, the REPL): only warnings and errors, on stderr, so replies stay readable.
/// Overrides appsettings.json's levels; <c>--Logging:LogLevel:Default=Debug</c> on the command line still wins.
/// </summary>
internal static class QuietLogging
{
    public static void Apply(IConfigurationManager configuration)
    {
        var commandLine = configuration.Sources.OfType<Microsoft.Extensions.Configuration.CommandLine.CommandLineConfigurationSource>().ToArray();
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        });
        foreach (var source in commandLine)
        {
            configuration.Sources.Remove(source);
            configuration.Sources.Add(source); // the person's own flags stay last
        }
    }
}
