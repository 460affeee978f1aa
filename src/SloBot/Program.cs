using Microsoft.Extensions.Options;
using SloBot.Chat.Replies;
using SloBot.Cli;
using SloBot.Hosting;

var (cli, error) = CliArguments.Parse(args);
if (cli is null)
{
    await Console.Error.WriteLineAsync(error + Environment.NewLine + Environment.NewLine + CliArguments.Usage);
    return ExitCodes.BadCommand;
}

if (cli.Verb == "help")
{
    Console.WriteLine(CliArguments.Usage);
    return ExitCodes.Answered;
}

try
{
    return cli.Verb == CliArguments.Serve
        ? await ServiceHost.RunAsync(cli)
        : await OneShotHost.RunAsync(cli);
}
catch (OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync("SloBot can't start, the configuration is invalid:");
    foreach (var failure in ex.Failures)
        await Console.Error.WriteLineAsync("  " + failure);
    return ExitCodes.BadCommand;
}
catch (Exception ex) when (ex is not OutOfMemoryException)
{
    // Start-up failures (storage unreachable, a port taken): one clear line, not a stack trace.
    await Console.Error.WriteLineAsync($"SloBot stopped: {ex.GetBaseException().Message}");
    return ExitCodes.SourceFailed;
}
