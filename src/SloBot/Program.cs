using SloBot.Cli;

return await SloBotCli.RunAsync(args, Console.Out, Console.Error);
