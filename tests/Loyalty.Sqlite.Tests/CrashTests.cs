using System.Globalization;
using Loyalty.Ledger;
using Loyalty.Members;
using Loyalty.StoreContract;
using Microsoft.Data.Sqlite;

namespace Loyalty.Sqlite.Tests;

/// <summary>A writer killed with SIGKILL at random moments: the file stays consistent and every write is all there or absent.</summary>
public sealed class CrashTests : IAsyncDisposable
{
    private const int Runs = 12;
    private const int Members = 10;
    private const int BatchSize = 50;

    private readonly TempDirectory _directory = TempDirectory.Create();
    private readonly SqliteEngines _engines = new();

    [Fact]
    public async Task WriterKilledMidWrite_ManyTimes_EveryInvariantHoldsAndEachWriteIsWholeOrAbsent()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var path = _directory.File("crash.db");
        var setup = _engines.Create(path, "crash");
        for (var i = 0; i < Members; i++)
        {
            await setup.EnrollAsync(new NewMember { Id = MemberId.Parse($"m{i}") }, cancellation);
        }

        var random = new Random(20261201);
        var committed = new HashSet<string>(StringComparer.Ordinal);
        for (var run = 0; run < Runs; run++)
        {
            using (var worker = WorkerProcess.Start("crash", path, "crash", run.ToString(CultureInfo.InvariantCulture), Members.ToString(CultureInfo.InvariantCulture)))
            {
                await worker.WaitUntilReadyAsync(cancellation);

                // Every other run lets the first batch commit before the kill's random moment, so that some runs kill a
                // writer with committed work behind it however slow the machine is.
                if (run % 2 == 1)
                {
                    await worker.WaitForLineAsync("committed ", cancellation);
                }

                await Task.Delay(random.Next(20, 400), cancellation);
                worker.KillHard();
                Assert.True(worker.Error.Trim().Length == 0, worker.Error);
                foreach (var line in worker.Lines.Where(l => l.StartsWith("committed ", StringComparison.Ordinal)))
                {
                    committed.Add($"r{run}:b{line["committed ".Length..]}");
                }
            }

            // Reopen the file as a new process would, and check it.
            Assert.Equal("ok", IntegrityCheck(path));
            var engine = _engines.Create(path, "crash");
            var batches = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < Members; i++)
            {
                var id = MemberId.Parse($"m{i}");
                await LedgerInvariants.AssertAsync(engine, id);
                foreach (var entry in await LedgerInvariants.EntriesAsync(engine, id))
                {
                    var key = entry.IdempotencyKey!.Value.Value;
                    if (key.Contains(":b", StringComparison.Ordinal))
                    {
                        var batch = key[..key.LastIndexOf(':')];
                        batches[batch] = batches.GetValueOrDefault(batch) + 1;
                    }

                    // A retry of any write found in the ledger is recognized: its idempotency record committed with it.
                    if (entry.Kind == LedgerEntryKind.Earn)
                    {
                        var replay = await engine.AwardAsync(new AwardPoints(id, entry.Points, entry.IdempotencyKey!.Value), cancellation);
                        Assert.True(replay.Replayed, $"{key} is in the ledger without its idempotency record");
                    }
                }
            }

            Assert.All(batches, pair => Assert.True(pair.Value == BatchSize, $"batch {pair.Key} is partly written ({pair.Value} of {BatchSize})"));
            Assert.All(committed, batch => Assert.True(batches.ContainsKey(batch), $"batch {batch} was reported committed but is missing"));
        }

        Assert.NotEmpty(committed);
    }

    private static string IntegrityCheck(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }

    public async ValueTask DisposeAsync()
    {
        await _engines.DisposeAsync();
        _directory.Dispose();
    }
}
