using BenchmarkDotNet.Running;

// Entry point for every benchmark suite in this project; pick suites with --filter.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
