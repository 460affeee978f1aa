using Microsoft.Extensions.Options;
using SloBot.Chat.Replies;
using SloBot.Hosting;
using SloBot.Hosting.Configuration;

namespace SloBot.Cli;

/// <summary>The whole command line: parse, run the verb, turn start-up failures into one clear message and an exit code.</summary>
internal static class SloBotCli
{
    /// <param name="time">The clock (the system's unless a test gives one); the catalog check's calendar periods end at its now.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider? time = null)
    {
        var (cli, error) = CliArguments.Parse(args);
        if (cli is null)
        {
            await stderr.WriteLineAsync(error + Environment.NewLine + Environment.NewLine + CliArguments.Usage).ConfigureAwait(false);
            return ExitCodes.BadCommand;
        }

        if (cli.Verb == "help")
        {
            await stdout.WriteLineAsync(CliArguments.Usage).ConfigureAwait(false);
            return ExitCodes.Answered;
        }

        if (cli.Verb == CliArguments.Catalog)
            return await CatalogCheckCommand.RunAsync(cli, stdout, stderr, time ?? TimeProvider.System).ConfigureAwait(false);
        if (cli.Verb == CliArguments.Rules)
            return await RulesCommand.RunAsync(cli, stdout, stderr).ConfigureAwait(false);

        try
        {
            return cli.Verb == CliArguments.Serve
                ? await ServiceHost.RunAsync(cli).ConfigureAwait(false)
                : await OneShotHost.RunAsync(cli, stdout, stderr).ConfigureAwait(false);
        }
        catch (Exception ex) when (ValidationFailures(ex) is { Count: > 0 } failures)
        {
            // Every bad key at once (values that can't be read, unknown keys, each section's validator): exit 2.
            await stderr.WriteLineAsync("SloBot can't start, the configuration is invalid:").ConfigureAwait(false);
            foreach (var failure in failures)
                await stderr.WriteLineAsync("  " + failure).ConfigureAwait(false);
            return ExitCodes.BadCommand;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Start-up failures (storage unreachable, a port taken): one clear line, not a stack trace.
            await stderr.WriteLineAsync($"SloBot stopped: {Reason(ex)}").ConfigureAwait(false);
            return ExitCodes.SourceFailed;
        }
    }

    /// <summary>The failure's own message, and its root cause when that says something more ("… (Connection refused)").</summary>
    private static string Reason(Exception ex)
    {
        var outer = ex is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : ex;
        var root = ex.GetBaseException();
        return root == outer || outer.Message.Contains(root.Message, StringComparison.Ordinal) ? outer.Message : $"{outer.Message} ({root.Message})";
    }

    /// <summary>Every options failure, whether one section failed or several (then they come as an AggregateException).</summary>
    private static List<string> ValidationFailures(Exception ex) => ex switch
    {
        InvalidConfigurationException c => [.. c.Problems],
        OptionsValidationException o => [.. o.Failures],
        AggregateException a when a.InnerExceptions.All(e => e is OptionsValidationException) =>
            a.InnerExceptions.Cast<OptionsValidationException>().SelectMany(o => o.Failures).ToList(),
        _ => [],
    };
}
