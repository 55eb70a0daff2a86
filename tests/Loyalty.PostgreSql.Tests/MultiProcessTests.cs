using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Loyalty.PostgreSql.LoadHelper;
using Loyalty.PostgreSql.Tests.Infrastructure;
using Loyalty.StoreContract;

namespace Loyalty.PostgreSql.Tests;

/// <summary>App instances in separate processes (the load helper), each with its own engine and pool, on one database.</summary>
public sealed class MultiProcessTests(PostgreSqlStoreFixture fixture) : StoreContractTests<PostgreSqlStoreFixture>(fixture)
{
    private const int Processes = 4;

    [Fact]
    public async Task FourProcesses_RandomWritesOnTenMembers_LoseNothingAndRedeemOnce()
    {
        var program = NewProgramId();
        var engine = CreateEngine(programId: program);
        await WorkloadAssertions.SeedAsync(engine, Cancellation);

        var watch = Stopwatch.StartNew();
        var tallies = await Task.WhenAll(Enumerable.Range(0, Processes).Select(i => RunHelperAsync(program, $"p{i}", operations: 600, concurrency: 4, seed: 100 + i)));
        watch.Stop();

        await WorkloadAssertions.AssertLedgerMatchesAsync(engine, tallies);
        TestContext.Current.TestOutputHelper?.WriteLine(WorkloadAssertions.Throughput("separate processes (including process start)", tallies, watch.Elapsed.TotalSeconds));
        TestContext.Current.TestOutputHelper?.WriteLine(FormattableString.Invariant(
            $"inside the processes: {tallies.Sum(t => t.Operations) / tallies.Max(t => t.Seconds):F0} ops/s"));
    }

    private async Task<WorkloadTally> RunHelperAsync(string program, string instance, int operations, int concurrency, int seed)
    {
        var helper = Path.Combine(AppContext.BaseDirectory, "Loyalty.PostgreSql.LoadHelper.dll");
        Assert.True(File.Exists(helper), $"The load helper was not built next to the tests ({helper}).");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { helper, Fixture.ConnectionString, program, instance, Invariant(operations), Invariant(concurrency), Invariant(seed) }
            .Concat(WorkloadAssertions.Members.Select(m => m.Value)))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Cancellation);
        var error = process.StandardError.ReadToEndAsync(Cancellation);
        await process.WaitForExitAsync(Cancellation);
        Assert.True(process.ExitCode == 0, $"The load helper {instance} exited with {process.ExitCode}:\n{await output}\n{await error}");
        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return JsonSerializer.Deserialize<WorkloadTally>(lines[^1])!;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
