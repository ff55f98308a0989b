using BenchmarkDotNet.Running;

// Entry point for every benchmark suite in this project; pick suites with --filter.
// Nine commands are not BenchmarkDotNet suites: the hosting load test, the echo and floor servers it starts, the Redis
// load test, the push-delivery load test, the generator's per-edit breakdown with GC counters, its per-edit allocations by type, the Biscuit
// side-by-side run against the reference implementation, and provenance signing in thread CPU time (docs/BENCHMARKS.md).
return args switch
{
    ["hosting-load", .. var rest] => await A2AGen.Benchmarks.Hosting.LoadTest.RunAsync(rest),
    ["hosting-echo-server", .. var rest] => await A2AGen.Benchmarks.Hosting.EchoServer.RunAsync(rest),
    ["hosting-floor-server", .. var rest] => await A2AGen.Benchmarks.Hosting.FloorServer.RunAsync(rest),
    ["redis-load", .. var rest] => await A2AGen.Benchmarks.Hosting.RedisLoadTest.RunAsync(rest),
    ["push-load", .. var rest] => await A2AGen.Benchmarks.Hosting.PushDeliveryLoadTest.RunAsync(rest),
    ["generator-allocations", .. var rest] => A2AGen.Benchmarks.Generator.EditAllocations.Run(rest),
    ["generator-breakdown", .. var rest] => A2AGen.Benchmarks.Generator.EditBreakdown.Run(rest),
    ["biscuit-reference", .. var rest] => A2AGen.Benchmarks.Biscuit.ReferenceComparison.Run(rest),
    ["provenance-signing-cpu", .. var rest] => A2AGen.Benchmarks.Provenance.SigningCpuTime.Run(rest),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}
