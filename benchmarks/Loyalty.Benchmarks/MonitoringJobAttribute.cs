using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace Loyalty.Benchmarks;

/// <summary>
/// The job of suites whose operation is long (a batch, a whole feed, a whole job): measured once per iteration
/// (<see cref="RunStrategy.Monitoring"/>, one invocation), a fixed number of iterations, one launch unless asked for more. In a smoke run the
/// suite declares no job, so that the command line's <c>--job Dry</c> replaces this one instead of running beside it
/// (BenchmarkDotNet adds a command-line job to the jobs that attributes declare).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class MonitoringJobAttribute : Attribute, IConfigSource
{
    public MonitoringJobAttribute(int warmupCount, int iterationCount, int launchCount = 1)
    {
        Config = BenchSizes.IsSmoke
            ? ManualConfig.CreateEmpty()
            : ManualConfig.CreateEmpty().AddJob(Job.Default
                .WithId("Monitoring")
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(launchCount)
                .WithWarmupCount(warmupCount)
                .WithIterationCount(iterationCount)
                .WithInvocationCount(1)
                .WithUnrollFactor(1));
    }

    public IConfig Config { get; }
}
