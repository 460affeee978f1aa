using BenchmarkDotNet.Running;
using SloBot.Benchmarks;

// `dotnet run -c Release --project bench/SloBot.Benchmarks -- <harness>` runs a load harness by name;
// `-- help` lists them; anything else goes to BenchmarkDotNet (`-- --filter '*Embedded*'`).
if (args is ["help"])
{
    Console.WriteLine(Harnesses.Help);
    return 0;
}

if (args.Length > 0 && Harnesses.All.TryGetValue(args[0], out var harness))
    return await harness(args[1..]);

BenchmarkSwitcher.FromAssembly(typeof(Harnesses).Assembly).Run(args);
return 0;
