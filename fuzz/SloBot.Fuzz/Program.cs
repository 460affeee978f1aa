using SharpFuzz;
using SloBot.Fuzz;

// Usage: SloBot.Fuzz <target>                 run under afl-fuzz (scripts/fuzz.sh)
//        SloBot.Fuzz <target> <file>…         run inputs once, in-process: exit 1 and the stack trace on a crash
if (args.Length == 0 || !Targets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: SloBot.Fuzz <{string.Join('|', Targets.All.Keys)}> [input files…]");
    return 2;
}

if (args.Length > 1)
{
    foreach (var file in args.Skip(1))
    {
        try
        {
            target(File.ReadAllBytes(file));
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"{file}: {ex}");
            return 1;
        }
    }

    return 0;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target(buffer.ToArray());
});
return 0;
