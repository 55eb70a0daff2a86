using BenchmarkDotNet.Running;
using Loyalty.Benchmarks;
using Loyalty.Benchmarks.PostgreSql;

// The PostgreSQL suites start a throwaway server in each benchmark process, in a folder of this run that the processes
// inherit; whatever a process leaves running there (it crashed, was killed, or its setup failed half-way) is stopped and
// deleted when the run ends, however it ends.
Environment.SetEnvironmentVariable(PostgreSqlBenchServer.FolderVariable, Path.Combine(Path.GetTempPath(), "loyalty-bench", $"pg-{Guid.NewGuid():N}"[..15]));
AppDomain.CurrentDomain.ProcessExit += (_, _) => StopPostgreSqlLeftovers();
AppDomain.CurrentDomain.UnhandledException += (_, _) => StopPostgreSqlLeftovers();

// A smoke run (--job Dry, as CI runs it) builds the small data sets and runs no suite's own job (MonitoringJobAttribute):
// the switch is read while the suites are discovered, and the benchmark processes inherit it.
if (args is ["profile", .. var profileArgs])
{
    return ProfileLoop.Run(profileArgs);
}

var smoke = IsSmokeRun(args);
if (smoke)
{
    Environment.SetEnvironmentVariable(BenchSizes.SmokeVariable, "1");
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, new BenchmarkConfig()).ToArray();

// BenchmarkDotNet reports a benchmark that threw, failed to build or was invalid, but still exits 0: fail the run instead,
// so that CI notices a broken suite.
var failures = 0;
foreach (var summary in summaries)
{
    foreach (var error in summary.ValidationErrors.Where(e => e.IsCritical))
    {
        Console.Error.WriteLine($"FAILED (validation): {error.Message}");
        failures++;
    }

    foreach (var benchmark in summary.BenchmarksCases)
    {
        var report = summary.Reports.FirstOrDefault(r => r.BenchmarkCase == benchmark);
        if (report is null || !report.Success || report.ResultStatistics is null)
        {
            Console.Error.WriteLine($"FAILED: {benchmark.DisplayInfo}");
            failures++;
        }
    }
}

if (summaries.Length == 0 && !args.Any(a => a is "--list" or "--help" or "-h" or "--info" or "--version"))
{
    Console.Error.WriteLine("FAILED: no benchmark ran (check --filter).");
    failures++;
}

var ran = summaries.Sum(s => s.BenchmarksCases.Length);
Console.WriteLine($"benchmarks: {Math.Max(0, ran - failures)} passed, {failures} failed");
return failures == 0 ? 0 : 1;

static void StopPostgreSqlLeftovers()
{
    if (PostgreSqlBenchServer.StopLeftovers() is var left and > 0)
    {
        Console.Error.WriteLine($"Stopped {left} PostgreSQL server(s) that benchmark processes left running, and deleted their folders.");
    }
}

static bool IsSmokeRun(string[] args)
{
    for (var i = 0; i < args.Length - 1; i++)
    {
        if (args[i] is "--job" or "-j" && args[i + 1].Equals("Dry", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
    }

    return false;
}
