using Loyalty.Ledger;
using Loyalty.Members;
using Loyalty.PostgreSql.Tests.Infrastructure;
using Loyalty.Storage;
using Loyalty.Storage.PostgreSql;
using Loyalty.StoreContract;
using NodaTime;
using Npgsql;

namespace Loyalty.PostgreSql.Tests;

/// <summary>How a store transaction behaves when a statement fails: a change set is all or nothing, and an aborted transaction never commits.</summary>
public sealed class TransactionTests(PostgreSqlStoreFixture fixture) : LedgerContractBase<PostgreSqlStoreFixture>(fixture)
{
    [Fact]
    public async Task DatabaseErrorInOneRowOfABatch_RollsBackThatRowOnly_AndTheOthersCommit()
    {
        var engine = NewEngine();
        var good = await MemberAsync(engine, "good");
        var broken = await MemberAsync(engine, "broken");
        await Sql.ExecuteAsync(Fixture.ConnectionString, """
            CREATE FUNCTION refuse_broken() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'refused by a trigger'; END $$;
            CREATE TRIGGER refuse_broken BEFORE INSERT ON loyalty.history
                FOR EACH ROW WHEN (NEW.member_id = 'broken') EXECUTE FUNCTION refuse_broken();
            """);

        var result = await engine.AwardBatchAsync(
            [new AwardPoints(good, 10, "b-1"), new AwardPoints(broken, 20, "b-2"), new AwardPoints(good, 30, "b-3")],
            cancellationToken: Cancellation);

        Assert.Null(result.Items[0].Error);
        var error = result.Items[1].Error;
        Assert.Equal(ErrorCode.StoreUnavailable, error?.Code);
        Assert.Equal("P0001", Assert.IsType<PostgresException>(error?.InnerException).SqlState);
        Assert.Null(result.Items[2].Error);
        Assert.Equal(40, (await BalanceAsync(engine, good)).Earned);
        Assert.Equal(0, (await BalanceAsync(engine, broken)).Earned);
        Assert.Empty(await LedgerInvariants.EntriesAsync(engine, broken));
    }

    [Fact]
    public async Task TransactionAbortedByAFailedLock_RefusesToCommit_AndWritesNothing()
    {
        var program = ProgramId.Parse(NewProgramId());
        var store = Fixture.NewStore(new PostgreSqlStoreOptions { LockTimeout = TimeSpan.FromMilliseconds(100) });
        await using var holder = await Store.BeginTransactionAsync(program, StoreTransactionMode.AllOrNothing, Cancellation);
        await holder.LockMemberAsync("busy", null, Cancellation);

        await using (var transaction = await store.BeginTransactionAsync(program, StoreTransactionMode.AllOrNothing, Cancellation))
        {
            await transaction.LockMemberAsync("created", null, Cancellation);
            await transaction.ApplyAsync(NewMemberChange("created"), Cancellation);
            await LoyaltyAssert.ThrowsAsync(ErrorCode.ConcurrencyConflict, () => transaction.LockMemberAsync("busy", null, Cancellation).AsTask());

            var refused = await LoyaltyAssert.ThrowsAsync(ErrorCode.ConcurrencyConflict, () => transaction.CommitAsync(Cancellation).AsTask());
            Assert.True(refused.IsTransient);
            Assert.Contains("rolled back, not committed", refused.Message, StringComparison.Ordinal);
        }

        Assert.Null(await Store.GetMemberAsync(program, "created", Cancellation));
    }

    [Fact]
    public async Task ApplyOfANewMemberWhoseIdIsTaken_IsRefused_AndTheTransactionStaysUsable()
    {
        var program = ProgramId.Parse(NewProgramId());
        await using var transaction = await Store.BeginTransactionAsync(program, StoreTransactionMode.IsolatedChangeSets, Cancellation);
        await transaction.LockMemberAsync("one", null, Cancellation);
        await transaction.ApplyAsync(NewMemberChange("one"), Cancellation);
        await LoyaltyAssert.ThrowsAsync(ErrorCode.MemberAlreadyExists, () => transaction.ApplyAsync(NewMemberChange("one"), Cancellation).AsTask());

        await transaction.LockMemberAsync("two", null, Cancellation);
        await transaction.ApplyAsync(NewMemberChange("two"), Cancellation);
        await transaction.CommitAsync(Cancellation);

        Assert.NotNull(await Store.GetMemberAsync(program, "one", Cancellation));
        Assert.NotNull(await Store.GetMemberAsync(program, "two", Cancellation));
    }

    [Fact]
    public async Task ReadingAMemberThatIsNotLocked_IsAProgrammingError()
    {
        await using var transaction = await Store.BeginTransactionAsync(ProgramId.Parse(NewProgramId()), StoreTransactionMode.AllOrNothing, Cancellation);

        await Assert.ThrowsAsync<InvalidOperationException>(() => transaction.LoadBalanceAsync("nobody", AccountName.Default, Cancellation).AsTask());
        await Assert.ThrowsAsync<InvalidOperationException>(() => transaction.LoadOpenHoldsAsync("nobody", Cancellation).AsTask());
    }

    [Theory]
    [InlineData(StoreTransactionMode.AllOrNothing)]
    [InlineData(StoreTransactionMode.IsolatedChangeSets)]
    public async Task AWriterThatBypassedTheLock_MakesTheChangeSetTransient_AndNothingOfItIsWritten(StoreTransactionMode mode)
    {
        var engine = NewEngine();
        var id = await MemberAsync(engine, "bypassed");
        var program = engine.ProgramId;
        await using (var transaction = await Store.BeginTransactionAsync(program, mode, Cancellation))
        {
            var locked = await transaction.LockMemberAsync(id, null, Cancellation);
            await Sql.ExecuteAsync(Fixture.ConnectionString, $"UPDATE loyalty.members SET last_sequence = last_sequence + 1 WHERE program_id = '{program}' AND member_id = '{id}'");
            var changes = new MemberChangeSet
            {
                MemberId = id,
                LastSequence = locked.LastSequence + 1,
                Events = [new() { EventId = Guid.NewGuid(), Type = "Test.Bypassed", MemberId = id, OccurredAt = Clock.GetCurrentInstant(), Payload = "{}" }],
            };

            // Without a savepoint the change set goes with the commit; with one, the apply reports it and the rest commits.
            var refused = mode == StoreTransactionMode.AllOrNothing
                ? await ApplyThenCommitAsync(transaction, changes)
                : await LoyaltyAssert.ThrowsAsync(ErrorCode.ConcurrencyConflict, () => transaction.ApplyAsync(changes, Cancellation).AsTask());
            Assert.True(refused.IsTransient);
            Assert.Equal(ErrorCode.ConcurrencyConflict, refused.Code);
            if (mode == StoreTransactionMode.IsolatedChangeSets)
            {
                await transaction.CommitAsync(Cancellation);
            }
        }

        Assert.DoesNotContain(await Store.ReadOutboxAsync(program, 0, 100, Cancellation), m => m.Type == "Test.Bypassed");
    }

    private static async Task<LoyaltyException> ApplyThenCommitAsync(IStoreTransaction transaction, MemberChangeSet changes)
    {
        await transaction.ApplyAsync(changes, Cancellation);
        return await Assert.ThrowsAsync<LoyaltyException>(() => transaction.CommitAsync(Cancellation).AsTask());
    }

    private static MemberChangeSet NewMemberChange(string id) => new()
    {
        MemberId = id,
        IsNewMember = true,
        LastSequence = 0,
        Member = new Member { Id = id, Status = MemberStatus.Active, CreatedAt = Instant.FromUtc(2026, 1, 1, 0, 0), UpdatedAt = Instant.FromUtc(2026, 1, 1, 0, 0) },
    };
}
