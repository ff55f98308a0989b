using A2AGen.Fuzz;

// A2AGen.Fuzz <target>                    one AFL++ target (run under afl-fuzz, after `sharpfuzz` instrumented the A2AGen assemblies)
// A2AGen.Fuzz <target> --replay PATH...   every file (or every file of a folder) through the target in-process: exit 1 on a crash
// A2AGen.Fuzz --list                      the target names
if (args.Length == 1 && args[0] == "--list")
{
    Console.WriteLine(string.Join(Environment.NewLine, FuzzTargets.Names));
    return 0;
}

if (args.Length == 0 || !FuzzTargets.TryGet(args[0], out var target))
{
    Console.Error.WriteLine($"usage: A2AGen.Fuzz <target> [--replay FILE|DIR...]; targets: {string.Join(", ", FuzzTargets.Names)}");
    return 2;
}

if (args.Length >= 2 && args[1] == "--replay")
{
    return Replay.Run(args[0], target, args[2..]);
}

SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target(buffer.ToArray());
});
return 0;
