using Loyalty.Ledger;
using Loyalty.PostgreSql.Tests.Infrastructure;
using Loyalty.Storage;
using Loyalty.Storage.PostgreSql;
using Loyalty.StoreContract;
using Npgsql;

namespace Loyalty.PostgreSql.Tests;

/// <summary>
/// Transient failures are retried by the engine, within its bound. The failures are real server errors: a trigger on the
/// balances table raises the SQLSTATE for the first N attempts (counted by a sequence, which a rollback does not undo),
/// and real deadlocks and lock timeouts between transactions.
/// </summary>
public sealed class RetryTests(PostgreSqlStoreFixture fixture) : LedgerContractBase<PostgreSqlStoreFixture>(fixture)
{
    /// <summary>The engine's bound on attempts of one write.</summary>
    private const int EngineAttempts = 8;

    [Theory]
    [InlineData("40001")]
    [InlineData("40P01")]
    [InlineData("55P03")]
    public async Task ForcedTransientFailure_IsRetried_AndTheWriteSucceedsOnce(string sqlState)
    {
        var engine = NewEngine();
        var id = await MemberAsync(engine, "retry-" + sqlState.ToLowerInvariant());
        var attempts = await FailWritesOfAsync(id, sqlState, failures: 3);

        var result = await EarnAsync(engine, id, 25, "retried-earn");

        Assert.Equal(4, await attempts());
        Assert.False(result.Replayed);
        Assert.Equal(25, (await BalanceAsync(engine, id)).Earned);
        Assert.Single(await LedgerInvariants.EntriesAsync(engine, id));
    }

    [Fact]
    public async Task WriteThatKeepsFailing_SurfacesAConcurrencyConflictAfterTheBound_AndWritesNothing()
    {
        var engine = NewEngine();
        var id = await MemberAsync(engine, "always-fails");
        var attempts = await FailWritesOfAsync(id, "40001", failures: int.MaxValue);

        var error = await LoyaltyAssert.ThrowsAsync(ErrorCode.ConcurrencyConflict, () => EarnAsync(engine, id, 25));

        Assert.False(error.IsTransient);
        Assert.Contains($"{EngineAttempts} attempts", error.Message, StringComparison.Ordinal);
        var cause = Assert.IsType<LoyaltyException>(error.InnerException);
        Assert.True(cause.IsTransient);
        Assert.Equal("40001", Assert.IsType<PostgresException>(cause.InnerException).SqlState);
        Assert.Equal(EngineAttempts, await attempts());
        Assert.Equal(default, await BalanceAsync(engine, id));
        Assert.Empty(await LedgerInvariants.EntriesAsync(engine, id));
    }

    [Fact]
    public async Task RealDeadlock_BetweenTwoTransactions_FailsOneAsTransient_AndTheOtherCommits()
    {
        var program = ProgramId.Parse(NewProgramId());
        await using var first = await Store.BeginTransactionAsync(program, StoreTransactionMode.AllOrNothing, Cancellation);
        await using var second = await Store.BeginTransactionAsync(program, StoreTransactionMode.AllOrNothing, Cancellation);
        await first.LockMemberAsync("a", null, Cancellation);
        await second.LockMemberAsync("b", null, Cancellation);

        var firstWaits = first.LockMemberAsync("b", null, Cancellation).AsTask();
        await Task.Delay(200, Cancellation);
        var secondWaits = second.LockMemberAsync("a", null, Cancellation).AsTask();
        var outcomes = await Task.WhenAll(Outcome(firstWaits), Outcome(secondWaits));

        var failure = Assert.Single(outcomes, o => o is not null);
        Assert.Equal(ErrorCode.ConcurrencyConflict, failure!.Code);
        Assert.True(failure.IsTransient);
        Assert.Equal("40P01", Assert.IsType<PostgresException>(failure.InnerException).SqlState);
        var survivor = outcomes[0] is null ? first : second;
        await survivor.CommitAsync(Cancellation);
    }

    [Fact]
    public async Task MemberLockedLongerThanTheLockTimeout_FailsAsTransient_AndTheEngineRetriesUntilItIsFree()
    {
        var store = Fixture.NewStore(new PostgreSqlStoreOptions { LockTimeout = TimeSpan.FromMilliseconds(100) });
        var program = NewProgramId();
        var engine = CreateEngine(programId: program, store: store);
        var id = await MemberAsync(engine, "busy");

        await using (var holder = await Store.BeginTransactionAsync(ProgramId.Parse(program), StoreTransactionMode.AllOrNothing, Cancellation))
        {
            await holder.LockMemberAsync(id, null, Cancellation);
            await using var waiter = await store.BeginTransactionAsync(ProgramId.Parse(program), StoreTransactionMode.AllOrNothing, Cancellation);
            var timedOut = await LoyaltyAssert.ThrowsAsync(ErrorCode.ConcurrencyConflict, () => waiter.LockMemberAsync(id, null, Cancellation).AsTask());
            Assert.True(timedOut.IsTransient);
            Assert.Equal("55P03", Assert.IsType<PostgresException>(timedOut.InnerException).SqlState);

            var earn = EarnAsync(engine, id, 5);
            await Task.Delay(300, Cancellation);
            Assert.False(earn.IsCompleted);
            await holder.CommitAsync(Cancellation);
            Assert.Equal(5, (await earn).Balance.Earned);
        }
    }

    /// <summary>Makes every write of the member's balances fail with <paramref name="sqlState"/> for the first <paramref name="failures"/> attempts.</summary>
    /// <returns>A function that reads how many attempts were made.</returns>
    private async Task<Func<Task<long>>> FailWritesOfAsync(MemberId memberId, string sqlState, int failures)
    {
        var tag = "fail_" + Guid.NewGuid().ToString("N")[..8];
        await Sql.ExecuteAsync(Fixture.ConnectionString, $"""
            CREATE SEQUENCE {tag}_attempts;
            CREATE FUNCTION {tag}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF nextval('{tag}_attempts') <= {failures} THEN
                    RAISE EXCEPTION 'forced failure for the retry tests' USING ERRCODE = '{sqlState}';
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER {tag} BEFORE INSERT OR UPDATE ON loyalty.balances
                FOR EACH ROW WHEN (NEW.member_id = '{memberId}') EXECUTE FUNCTION {tag}();
            """);
        return () => Sql.ScalarAsync<long>(Fixture.ConnectionString, $"SELECT last_value FROM {tag}_attempts");
    }

    private static async Task<LoyaltyException?> Outcome(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (LoyaltyException ex)
        {
            return ex;
        }
    }
}
