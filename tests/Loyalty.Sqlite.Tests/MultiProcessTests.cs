using System.Globalization;
using System.Text.Json;
using Loyalty.Members;
using Loyalty.StoreContract;

namespace Loyalty.Sqlite.Tests;

/// <summary>Several processes writing the same members in one database file: nothing lost, nothing doubled, no busy error.</summary>
public sealed class MultiProcessTests : IAsyncDisposable
{
    private const int Processes = 3;
    private const int OperationsPerProcess = 2_000;
    private const int Members = 5;

    private readonly TempDirectory _directory = TempDirectory.Create();
    private readonly SqliteEngines _engines = new();

    [Fact]
    public async Task ThreeProcesses_TwoThousandRandomWritesEach_TotalsEqualWhatEachCommitted()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var path = _directory.File("shared.db");
        var engine = _engines.Create(path, "multi");
        for (var i = 0; i < Members; i++)
        {
            await engine.EnrollAsync(new NewMember { Id = MemberId.Parse($"m{i}") }, cancellation);
        }

        var workers = Enumerable.Range(1, Processes)
            .Select(seed => WorkerProcess.Start("hammer", path, "multi", seed.ToString(CultureInfo.InvariantCulture), OperationsPerProcess.ToString(CultureInfo.InvariantCulture), Members.ToString(CultureInfo.InvariantCulture)))
            .ToArray();
        var reports = new List<JsonElement>();
        foreach (var worker in workers)
        {
            using (worker)
            {
                var exit = await worker.WaitForExitAsync(TimeSpan.FromMinutes(5), cancellation);
                Assert.True(exit == 0, $"worker exited with {exit}: {worker.Error}");
                reports.Add(JsonDocument.Parse(worker.Lines.Single()).RootElement.Clone());
            }
        }

        Assert.All(reports, report => Assert.Empty(report.GetProperty("failures").EnumerateArray()));
        var writes = 0;
        for (var i = 0; i < Members; i++)
        {
            var id = MemberId.Parse($"m{i}");
            long Sum(string field) => reports.Sum(r => r.GetProperty("members").TryGetProperty(id.Value, out var t) ? t.GetProperty(field).GetInt64() : 0);

            var balances = await LedgerInvariants.AssertAsync(engine, id);
            var balance = balances.Values.Single();
            Assert.Equal(Sum("Awarded"), balance.Earned);
            Assert.Equal(Sum("Spent"), balance.Spent);
            Assert.Equal(Sum("Reserved"), balance.Reserved);
            Assert.Equal(Sum("Deducted"), balance.Deducted);
            var entries = await LedgerInvariants.EntriesAsync(engine, id);
            Assert.Equal(Sum("Writes"), entries.Count);
            writes += entries.Count;
        }

        // Most random writes succeed (refusals are spends the balance did not cover).
        Assert.True(writes > Processes * OperationsPerProcess / 2, $"only {writes} writes committed");
    }

    public async ValueTask DisposeAsync()
    {
        await _engines.DisposeAsync();
        _directory.Dispose();
    }
}
