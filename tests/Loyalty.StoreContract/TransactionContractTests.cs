using Loyalty.Events;
using Loyalty.Members;
using Loyalty.Storage;

namespace Loyalty.StoreContract;

/// <summary>
/// The store's unit of work, driven directly: what a refused change set leaves in each <see cref="StoreTransactionMode"/>.
/// Member A's change set is applied first and is good; member B's is refused, either before anything is written (a new
/// member whose id is taken) or after its first rows are (an idempotency key already used, checked after the member row
/// and the history are written).
/// </summary>
public abstract class TransactionContractTests<TFixture>(TFixture fixture) : LedgerContractBase<TFixture>(fixture)
    where TFixture : class, IStoreFixture
{
    [Theory]
    [InlineData(ChangeSetRefusal.MemberIdTaken)]
    [InlineData(ChangeSetRefusal.IdempotencyKeyUsed)]
    public async Task AllOrNothing_ARefusedChangeSet_AbortsTheTransaction_WhichCommitsNothing(ChangeSetRefusal refusal)
    {
        var (engine, a, b) = await TwoMembersAsync();
        await using (var transaction = await Store.BeginTransactionAsync(engine.ProgramId, StoreTransactionMode.AllOrNothing, Cancellation))
        {
            var lockedA = await transaction.LockMemberAsync(a, null, Cancellation);
            var lockedB = await transaction.LockMemberAsync(b, null, Cancellation);
            await transaction.ApplyAsync(EventOnly(a, lockedA.LastSequence, "Good"), Cancellation);

            // A store may send a change set with the transaction's next command: the refusal surfaces at the apply or
            // later, at the latest from the commit, and from then on every call throws it.
            Func<Task>[] steps =
            [
                () => transaction.ApplyAsync(RefusedChangeSet(refusal, b, lockedB.LastSequence), Cancellation).AsTask(),
                () => transaction.LockMemberAsync(a, null, Cancellation).AsTask(),
                () => transaction.ApplyAsync(EventOnly(a, lockedA.LastSequence, "Later"), Cancellation).AsTask(),
                () => transaction.CommitAsync(Cancellation).AsTask(),
            ];
            var (refusedAt, refused) = await FirstRefusalAsync(steps);
            Assert.Equal(Code(refusal), refused.Code);
            Assert.False(refused.IsTransient);
            for (var step = refusedAt + 1; step < steps.Length; step++)
            {
                var again = await LoyaltyAssert.ThrowsAsync(Code(refusal), steps[step]);
                Assert.False(again.IsTransient);
                if (step == steps.Length - 1)
                {
                    Assert.Contains("rolled back, not committed", again.Message, StringComparison.Ordinal);
                }
            }
        }

        Assert.Empty(await TestEventsAsync(engine));
        await AssertLockableAndWritableAsync(engine, a, b);
    }

    [Theory]
    [InlineData(ChangeSetRefusal.MemberIdTaken)]
    [InlineData(ChangeSetRefusal.IdempotencyKeyUsed)]
    public async Task IsolatedChangeSets_ARefusedChangeSet_LeavesNothingOfItself_AndTheRestCommits(ChangeSetRefusal refusal)
    {
        var (engine, a, b) = await TwoMembersAsync();
        await using (var transaction = await Store.BeginTransactionAsync(engine.ProgramId, StoreTransactionMode.IsolatedChangeSets, Cancellation))
        {
            var lockedA = await transaction.LockMemberAsync(a, null, Cancellation);
            var lockedB = await transaction.LockMemberAsync(b, null, Cancellation);
            await transaction.ApplyAsync(EventOnly(a, lockedA.LastSequence, "Good"), Cancellation);
            await LoyaltyAssert.ThrowsAsync(Code(refusal), () => transaction.ApplyAsync(RefusedChangeSet(refusal, b, lockedB.LastSequence), Cancellation).AsTask());
            await transaction.ApplyAsync(EventOnly(b, lockedB.LastSequence, "After"), Cancellation);
            await transaction.CommitAsync(Cancellation);
        }

        Assert.Equal(["Test.Good", "Test.After"], (await TestEventsAsync(engine)).Select(m => m.Type));
        await AssertLockableAndWritableAsync(engine, a, b);
    }

    [Fact]
    public async Task AllOrNothing_WithoutAFailure_CommitsEveryChangeSet()
    {
        var (engine, a, b) = await TwoMembersAsync();
        await using (var transaction = await Store.BeginTransactionAsync(engine.ProgramId, StoreTransactionMode.AllOrNothing, Cancellation))
        {
            var lockedA = await transaction.LockMemberAsync(a, null, Cancellation);
            var lockedB = await transaction.LockMemberAsync(b, null, Cancellation);
            await transaction.ApplyAsync(EventOnly(a, lockedA.LastSequence, "First"), Cancellation);
            await transaction.ApplyAsync(EventOnly(b, lockedB.LastSequence, "Second"), Cancellation);
            await transaction.CommitAsync(Cancellation);
        }

        Assert.Equal(["Test.First", "Test.Second"], (await TestEventsAsync(engine)).Select(m => m.Type));
    }

    private async Task<(ILoyaltyEngine Engine, MemberId A, MemberId B)> TwoMembersAsync()
    {
        var engine = NewEngine();
        var a = await MemberAsync(engine, "a");
        var b = await MemberAsync(engine, "b");
        await EarnAsync(engine, a, 10, key: "used-by-a");
        return (engine, a, b);
    }

    /// <summary>Runs the steps in order until one throws; returns its index and what it threw.</summary>
    private static async Task<(int Step, LoyaltyException Error)> FirstRefusalAsync(Func<Task>[] steps)
    {
        for (var i = 0; i < steps.Length; i++)
        {
            try
            {
                await steps[i]();
            }
            catch (LoyaltyException ex)
            {
                return (i, ex);
            }
        }

        throw new Xunit.Sdk.XunitException("No step of the transaction reported the refused change set: it committed.");
    }

    private static ErrorCode Code(ChangeSetRefusal refusal) =>
        refusal == ChangeSetRefusal.MemberIdTaken ? ErrorCode.MemberAlreadyExists : ErrorCode.IdempotencyConflict;

    private MemberChangeSet RefusedChangeSet(ChangeSetRefusal refusal, MemberId b, long lastSequence) => refusal switch
    {
        ChangeSetRefusal.MemberIdTaken => new MemberChangeSet
        {
            MemberId = b,
            IsNewMember = true,
            LastSequence = 1,
            Member = new Member { Id = b, Status = MemberStatus.Active, CreatedAt = Clock.GetCurrentInstant(), UpdatedAt = Clock.GetCurrentInstant() },
            Events = [Event(b, "Refused")],
        },
        _ => new MemberChangeSet
        {
            MemberId = b,
            LastSequence = lastSequence,
            Events = [Event(b, "Refused")],
            Idempotency = new IdempotencyRecord
            {
                Key = "used-by-a",
                MemberId = b,
                Fingerprint = "other-request",
                Result = "{}",
                CreatedAt = Clock.GetCurrentInstant(),
            },
        },
    };

    private MemberChangeSet EventOnly(MemberId memberId, long lastSequence, string name) =>
        new() { MemberId = memberId, LastSequence = lastSequence, Events = [Event(memberId, name)] };

    private OutboxMessage Event(MemberId memberId, string name) => new()
    {
        EventId = Guid.NewGuid(),
        Type = "Test." + name,
        MemberId = memberId,
        OccurredAt = Clock.GetCurrentInstant(),
        Payload = "{}",
    };

    private async Task<IReadOnlyList<OutboxMessage>> TestEventsAsync(ILoyaltyEngine engine) =>
        [.. (await Store.ReadOutboxAsync(engine.ProgramId, 0, 1000, Cancellation)).Where(m => m.Type.StartsWith("Test.", StringComparison.Ordinal))];

    /// <summary>The refused transaction released its locks and left no claim behind: the engine writes both members, B with the key A's earn did not use.</summary>
    private async Task AssertLockableAndWritableAsync(ILoyaltyEngine engine, MemberId a, MemberId b)
    {
        await EarnAsync(engine, a, 1);
        Assert.Equal(5, (await EarnAsync(engine, b, 5, key: "used-by-b")).Balance.Spendable);
        Assert.Equal(11, (await BalanceAsync(engine, a)).Spendable);
    }
}
