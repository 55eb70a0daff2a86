using Loyalty.Storage;
using Loyalty.Storage.InMemory;

namespace Loyalty.Core.Tests;

/// <summary>The in-memory store's member lock: taken at once when free, waited for when held, and the wait cancellable.</summary>
public sealed class InMemoryStoreLockTests
{
    private static readonly ProgramId Program = ProgramId.Parse("locks");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LockMemberAsync_HeldByAnotherTransaction_WaitsUntilReleased()
    {
        var store = new InMemoryLoyaltyStore();
        var holder = await store.BeginTransactionAsync(Program, StoreTransactionMode.AllOrNothing, Cancellation);
        Assert.True(holder.LockMemberAsync("m", null, Cancellation).AsTask().IsCompletedSuccessfully);
        await using var waiter = await store.BeginTransactionAsync(Program, StoreTransactionMode.AllOrNothing, Cancellation);

        var waiting = waiter.LockMemberAsync("m", null, Cancellation).AsTask();
        await Task.Delay(50, Cancellation);
        Assert.False(waiting.IsCompleted);

        await holder.DisposeAsync();
        var locked = await waiting.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
        Assert.Null(locked.Member);
    }

    [Fact]
    public async Task LockMemberAsync_WaitCancelled_ThrowsAndLeavesTheLockToItsHolder()
    {
        var store = new InMemoryLoyaltyStore();
        var holder = await store.BeginTransactionAsync(Program, StoreTransactionMode.AllOrNothing, Cancellation);
        Assert.True(holder.LockMemberAsync("m", null, Cancellation).AsTask().IsCompletedSuccessfully);
        using var cancel = new CancellationTokenSource();
        await using var waiter = await store.BeginTransactionAsync(Program, StoreTransactionMode.AllOrNothing, Cancellation);

        var waiting = waiter.LockMemberAsync("m", null, cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10), Cancellation));
        await holder.DisposeAsync();
        await using var next = await store.BeginTransactionAsync(Program, StoreTransactionMode.AllOrNothing, Cancellation);
        Assert.True(next.LockMemberAsync("m", null, Cancellation).AsTask().IsCompletedSuccessfully);
    }

    [Fact]
    public async Task LockMemberAsync_TokenAlreadyCancelled_IsCancelledEvenWhenTheMemberIsFree()
    {
        var store = new InMemoryLoyaltyStore();
        await using var transaction = await store.BeginTransactionAsync(Program, StoreTransactionMode.AllOrNothing, Cancellation);

        var locking = transaction.LockMemberAsync("m", null, new CancellationToken(canceled: true)).AsTask();

        Assert.True(locking.IsCanceled);
        await using var other = await store.BeginTransactionAsync(Program, StoreTransactionMode.AllOrNothing, Cancellation);
        Assert.True(other.LockMemberAsync("m", null, Cancellation).AsTask().IsCompletedSuccessfully);
    }
}
