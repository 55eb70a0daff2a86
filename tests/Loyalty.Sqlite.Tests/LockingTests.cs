using Loyalty.Ledger;
using Loyalty.Members;
using Loyalty.StoreContract;

namespace Loyalty.Sqlite.Tests;

/// <summary>How the store behaves while another process holds the database's write lock.</summary>
public sealed class LockingTests : IAsyncDisposable
{
    private readonly TempDirectory _directory = TempDirectory.Create();
    private readonly SqliteEngines _engines = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhileAnotherConnectionWrites_ReadsAnswer_AndWritesWaitThenSucceed()
    {
        var path = _directory.File("locked.db");
        var engine = _engines.Create(path, "p");
        var ada = await engine.EnrollAsync(new NewMember(), Cancellation);
        await engine.AwardAsync(new AwardPoints(ada.Id, 100, "before"), Cancellation);

        using var other = MigrationTests.Open(path);
        MigrationTests.Execute(other, "BEGIN IMMEDIATE; UPDATE members SET language = 'cy' WHERE member_id = 'nobody';");

        // Reads use their own snapshot and never wait for the writer.
        Assert.Equal(100, (await engine.GetBalanceAsync(ada.Id, cancellationToken: Cancellation)).Spendable);
        Assert.Equal(ada.Id, (await engine.FindMemberAsync(ada.Id, Cancellation))?.Id);

        var write = engine.AwardAsync(new AwardPoints(ada.Id, 5, "during"), Cancellation);
        await Task.Delay(300, Cancellation);
        Assert.False(write.IsCompleted, "a write went ahead while another connection held the write lock");

        MigrationTests.Execute(other, "COMMIT");
        var result = await write.WaitAsync(TimeSpan.FromSeconds(30), Cancellation);
        Assert.False(result.Replayed);
        Assert.Equal(105, result.Balance.Spendable);
        await LedgerInvariants.AssertAsync(engine, ada.Id);
    }

    [Fact]
    public async Task WriteLockHeldBeyondTheBusyTimeout_SurfacesConcurrencyConflict_AndWritesNothing()
    {
        var path = _directory.File("stuck.db");
        var engine = _engines.Create(path, "p", o => o.BusyTimeout = TimeSpan.FromMilliseconds(20));
        var ada = await engine.EnrollAsync(new NewMember(), Cancellation);

        using (var other = MigrationTests.Open(path))
        {
            MigrationTests.Execute(other, "BEGIN IMMEDIATE; UPDATE members SET language = 'cy' WHERE member_id = 'nobody';");
            var error = await Assert.ThrowsAsync<LoyaltyException>(() => engine.AwardAsync(new AwardPoints(ada.Id, 5, "stuck"), Cancellation));
            Assert.Equal(ErrorCode.ConcurrencyConflict, error.Code);
            Assert.False(error.IsTransient);
            Assert.Contains("busy timeout", error.Message, StringComparison.Ordinal);
            MigrationTests.Execute(other, "ROLLBACK");
        }

        Assert.Equal(default, await engine.GetBalanceAsync(ada.Id, cancellationToken: Cancellation));
        var retried = await engine.AwardAsync(new AwardPoints(ada.Id, 5, "stuck"), Cancellation);
        Assert.False(retried.Replayed);
    }

    public async ValueTask DisposeAsync()
    {
        await _engines.DisposeAsync();
        _directory.Dispose();
    }
}
