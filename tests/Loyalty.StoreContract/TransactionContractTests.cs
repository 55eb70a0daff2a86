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
        var (transaction, sequenceA, _) = await RefuseAfterAGoodChangeSetAsync(engine, a, b, StoreTransactionMode.AllOrNothing, refusal);
        await using (transaction)
        {
            await LoyaltyAssert.ThrowsAsync(Code(refusal), () => transaction.ApplyAsync(EventOnly(a, sequenceA, "Later"), Cancellation).AsTask());
            var refused = await LoyaltyAssert.ThrowsAsync(Code(refusal), () => transaction.CommitAsync(Cancellation).AsTask());
            Assert.False(refused.IsTransient);
            Assert.Contains("rolled back, not committed", refused.Message, StringComparison.Ordinal);
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
        var (transaction, _, sequenceB) = await RefuseAfterAGoodChangeSetAsync(engine, a, b, StoreTransactionMode.IsolatedChangeSets, refusal);
        await using (transaction)
        {
            await transaction.ApplyAsync(EventOnly(b, sequenceB, "After"), Cancellation);
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

    /// <summary>Starts a transaction, locks A and B, applies A's good change set, then B's, which is refused.</summary>
    private async Task<(IStoreTransaction Transaction, long SequenceA, long SequenceB)> RefuseAfterAGoodChangeSetAsync(ILoyaltyEngine engine, MemberId a, MemberId b, StoreTransactionMode mode, ChangeSetRefusal refusal)
    {
        var transaction = await Store.BeginTransactionAsync(engine.ProgramId, mode, Cancellation);
        var lockedA = await transaction.LockMemberAsync(a, null, Cancellation);
        var lockedB = await transaction.LockMemberAsync(b, null, Cancellation);
        await transaction.ApplyAsync(EventOnly(a, lockedA.LastSequence, "Good"), Cancellation);
        await LoyaltyAssert.ThrowsAsync(Code(refusal), () => transaction.ApplyAsync(RefusedChangeSet(refusal, b, lockedB.LastSequence), Cancellation).AsTask());
        return (transaction, lockedA.LastSequence, lockedB.LastSequence);
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
