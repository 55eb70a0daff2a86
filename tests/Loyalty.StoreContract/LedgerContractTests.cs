using Loyalty.Events;
using Loyalty.History;
using Loyalty.Ledger;
using Loyalty.Lifecycle;
using Loyalty.Members;

namespace Loyalty.StoreContract;

/// <summary>The points ledger: entries, balances, holds, reversals, status gating, idempotency, bad input.</summary>
public abstract class LedgerContractTests<TFixture>(TFixture fixture) : LedgerContractBase<TFixture>(fixture)
    where TFixture : class, IStoreFixture
{
    [Fact]
    public async Task AwardAsync_Earn_RaisesEarnedAndSpendableAndOpensALot()
    {
        var engine = NewEngine();
        var id = await MemberAsync(engine);

        var result = await EarnAsync(engine, id, 250);

        Assert.Equal(LedgerEntryKind.Earn, result.Entry.Kind);
        Assert.Equal(250, result.Entry.Points);
        Assert.Equal("purchase", result.Entry.Reason);
        Assert.False(result.Replayed);
        Assert.Equal(new PointsBalance(250, 0, 0, 0, 0, 0), result.Balance);
        var lot = Assert.Single(await engine.GetOpenLotsAsync(id, Cancellation));
        Assert.Equal(result.Entry.Id, lot.Id);
        Assert.Equal(250, lot.Remaining);
        Assert.Equal(250, (await BalanceAsync(engine, id)).Spendable);
    }

    [Fact]
    public async Task Entries_RecordAmountAccountReasonActorTimeKeyAndTheEntryTheySettle()
    {
        var engine = NewEngine();
        var id = await MemberAsync(engine);
        var earn = await engine.AwardAsync(new AwardPoints(id, 40, "order-5:earn") { Reason = "Order 5", Actor = "checkout", Account = "status_credits" }, Cancellation);
        Clock.AdvanceDays(1);
        var pending = await engine.AwardAsync(new AwardPoints(id, 15, "order-6:earn") { Reason = "Order 6", Pending = true }, Cancellation);
        var approve = await engine.ApprovePendingAsync(new SettleHold(id, pending.Entry.Id, "order-6:approve") { Actor = "ops:kim" }, Cancellation);

        var entries = await LedgerInvariants.EntriesAsync(engine, id);

        Assert.Equal([earn.Entry.Id, pending.Entry.Id, approve.Entry.Id], entries.Select(e => e.Id));
        var first = entries[0];
        Assert.Equal((LedgerEntryKind.Earn, 40L, "status_credits", "Order 5", "checkout"), (first.Kind, first.Points, first.Account.Value, first.Reason, first.Actor));
        Assert.Equal((id, "order-5:earn", (EntryId?)null), (first.MemberId, first.IdempotencyKey?.Value, first.Settles));
        Assert.Equal(Clock.GetCurrentInstant() - NodaTime.Duration.FromDays(1), first.OccurredAt);
        var last = entries[2];
        Assert.Equal((LedgerEntryKind.Approve, 15L, "points", "Order 6", "ops:kim"), (last.Kind, last.Points, last.Account.Value, last.Reason, last.Actor));
        Assert.Equal(("order-6:approve", (EntryId?)pending.Entry.Id, Clock.GetCurrentInstant()), (last.IdempotencyKey?.Value, last.Settles, last.OccurredAt));
        Assert.Equal("system", entries[1].Actor);
    }

    [Fact]
    public async Task EntryAndEventIds_AreVersion7Uuids_OfTheirTime_ThatSortInTheOrderTheyWereWritten()
    {
        var engine = NewEngine();
        var id = await MemberAsync(engine);
        var earns = new List<LedgerResult>();
        foreach (var step in new[] { 0, 0, 1, 250, 86_400_000 })
        {
            Clock.Advance(NodaTime.Duration.FromMilliseconds(step));
            earns.Add(await EarnAsync(engine, id, 10));
        }

        var entries = await LedgerInvariants.EntriesAsync(engine, id);
        var events = (await Store.ReadOutboxAsync(engine.ProgramId, 0, 100, Cancellation)).Where(m => m.Type == LoyaltyEventTypes.PointsEarned).ToList();

        Assert.Equal(earns.Select(e => e.Entry.Id), entries.Select(e => e.Id));
        Assert.All(entries, e => AssertVersion7Of(e.Id.Value, e.OccurredAt));
        Assert.Equal(entries.Count, events.Count);
        Assert.All(events, m => AssertVersion7Of(m.EventId, m.OccurredAt));

        // The first two share a millisecond (their order is random); the rest, a millisecond or more apart, sort in the
        // order they were written, as text and as bytes.
        var apart = entries.Where((e, i) => i != 0).Select(e => e.Id.Value).ToList();
        Assert.Equal(apart, apart.OrderBy(g => g.ToString("D"), StringComparer.Ordinal));
        Assert.Equal(apart, apart.OrderBy(g => Convert.ToHexString(g.ToByteArray(bigEndian: true)), StringComparer.Ordinal));
        Assert.Equal(entries.Count, entries.Select(e => e.Id).Distinct().Count());

        static void AssertVersion7Of(Guid id, NodaTime.Instant at)
        {
            var bytes = id.ToByteArray(bigEndian: true);
            Assert.Equal(7, id.Version);
            Assert.Equal(0x80, bytes[8] & 0xC0);
            var milliseconds = bytes.Take(6).Aggregate(0L, (value, b) => (value << 8) | b);
            Assert.Equal(at.ToUnixTimeMilliseconds(), milliseconds);
        }
    }

    [Fact]
    public async Task SpendAsync_ConsumesOldestLotsFirst_AndKeepsInvariants()
    {
        var engine = NewEngine();
        var id = await MemberAsync(engine);
        var first = await EarnAsync(engine, id, 100);
        Clock.AdvanceDays(1);
        var second = await EarnAsync(engine, id, 100);

        var spend = await SpendAsync(engine, id, 150);

        Assert.Equal([new LotAllocation(first.Entry.Id, 100), new LotAllocation(second.Entry.Id, 50)], spend.Entry.Allocations);
        Assert.Equal(50, spend.Balance.Spendable);
        Assert.Equal(150, spend.Balance.Spent);
        var lot = Assert.Single(await engine.GetOpenLotsAsync(id, Cancellation));
        Assert.Equal(second.Entry.Id, lot.Id);
        await InvariantsAsync(engine, id);
    }

    [Fact]
    public async Task OpenLots_AfterBatchedAwardsSpendsAndMoreAwards_AreExactlyTheLotsWithPointsLeft()
    {
        var engine = NewEngine();
        var id = await MemberAsync(engine);
        var first = await EarnAsync(engine, id, 100);
        Clock.AdvanceDays(1);
        var batch = await engine.AwardBatchAsync([new AwardPoints(id, 50, "lots:b"), new AwardPoints(id, 70, "lots:c")], cancellationToken: Cancellation);
        var (second, third) = (batch.Items[0].Result!.Entry.Id, batch.Items[1].Result!.Entry.Id);
        Clock.AdvanceDays(1);

        var spend = await SpendAsync(engine, id, 100);
        Clock.AdvanceDays(1);
        var fourth = await EarnAsync(engine, id, 30);

        Assert.Equal([new LotAllocation(first.Entry.Id, 100)], spend.Entry.Allocations);
        var lots = await engine.GetOpenLotsAsync(id, Cancellation);
        Assert.Equal(
            new[] { (second, 50L), (third, 70L), (fourth.Entry.Id, 30L) }.OrderBy(l => l.Item1.Value),
            lots.Select(l => (l.Id, l.Remaining)).OrderBy(l => l.Id.Value));

        await SpendAsync(engine, id, 120);

        var left = Assert.Single(await engine.GetOpenLotsAsync(id, Cancellation));
        Assert.Equal((fourth.Entry.Id, 30L), (left.Id, left.Remaining));
        await InvariantsAsync(engine, id);
    }

    [Fact]
    public async Task SpendAsync_MoreThanSpendable_ThrowsInsufficientPointsAndWritesNothing()
    {
        var engine = NewEngine();
        var id = await MemberAsync(engine);
        await EarnAsync(engine, id, 100);

        var error = await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.InsufficientPoints, () => SpendAsync(engine, id, 101));
        Assert.Contains("100", error.Message, StringComparison.Ordinal);
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.InsufficientPoints, () => ReserveAsync(engine, id, 101));
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.InsufficientPoints,
            () => engine.DeductAsync(new DeductPoints(id, 101, Key()), Cancellation));
        Assert.Equal(100, (await BalanceAsync(engine, id)).Spendable);
    }

    [Fact]
    public async Task Reservation_Commit_BecomesSpent()
    {
        var engine = NewEngine();
        var id = await MemberAsync(engine);
        await EarnAsync(engine, id, 300);

        var reserve = await ReserveAsync(engine, id, 120);
        Assert.Equal(180, reserve.Balance.Spendable);
        Assert.Equal(120, reserve.Balance.Reserved);
        Assert.Equal(Clock.GetCurrentInstant() + NodaTime.Duration.FromMinutes(30), reserve.Entry.DueAt);
        await InvariantsAsync(engine, id);
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.InsufficientPoints, () => SpendAsync(engine, id, 181));

        var commit = await SettleAsync(engine.CommitReservationAsync, id, reserve.Entry.Id);

        Assert.Equal(LedgerEntryKind.Commit, commit.Entry.Kind);
        Assert.Equal(reserve.Entry.Id, commit.Entry.Settles);
        Assert.Equal(new PointsBalance(300, 0, 0, 120, 0, 0), commit.Balance);
        Assert.Empty(await engine.GetOpenHoldsAsync(id, Cancellation));
        await InvariantsAsync(engine, id);
    }

    [Fact]
    public async Task Reservation_Release_RestoresSpendable()
    {
        var engine = NewEngine();
        var id = await MemberAsync(engine);
        await EarnAsync(engine, id, 300);
        var reserve = await ReserveAsync(engine, id, 120);

        var release = await SettleAsync(engine.ReleaseReservationAsync, id, reserve.Entry.Id);

        Assert.Equal(new PointsBalance(300, 0, 0, 0, 0, 0), release.Balance);
        Assert.Equal(0, Assert.Single(await engine.GetOpenLotsAsync(id, Cancellation)).Reserved);
        await InvariantsAsync(engine, id);
    }

    [Fact]
    public async Task Settlements_Twice_OrOfTheWrongKind_AreRefused()
    {
        var engine = NewEngine();
        var id = await MemberAsync(engine);
        var earn = await EarnAsync(engine, id, 300);
        var reserve = await ReserveAsync(engine, id, 100);
        var pending = await EarnAsync(engine, id, 50, pending: true);
        await SettleAsync(engine.ReleaseReservationAsync, id, reserve.Entry.Id);
        await SettleAsync(engine.ApprovePendingAsync, id, pending.Entry.Id);

        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.EntryAlreadySettled, () => SettleAsync(engine.CommitReservationAsync, id, reserve.Entry.Id));
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.EntryAlreadySettled, () => SettleAsync(engine.ReleaseReservationAsync, id, reserve.Entry.Id));
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.EntryAlreadySettled, () => SettleAsync(engine.ApprovePendingAsync, id, pending.Entry.Id));
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.EntryAlreadySettled, () => SettleAsync(engine.VoidPendingAsync, id, pending.Entry.Id));
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.ValidationFailed, () => SettleAsync(engine.CommitReservationAsync, id, earn.Entry.Id));
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.ValidationFailed, () => SettleAsync(engine.ApprovePendingAsync, id, reserve.Entry.Id));
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.EntryNotFound, () => SettleAsync(engine.ApprovePendingAsync, id, EntryId.New()));
        await InvariantsAsync(engine, id);
    }

    [Fact]
    public async Task PendingEarn_ApproveOpensALot_VoidDropsThePoints()
    {
        var engine = NewEngine();
        var id = await MemberAsync(engine);
        var a = await EarnAsync(engine, id, 70, pending: true);
        var b = await EarnAsync(engine, id, 30, pending: true);
        Assert.Equal(LedgerEntryKind.EarnPending, a.Entry.Kind);
        Assert.Equal(new PointsBalance(0, 100, 0, 0, 0, 0), b.Balance);
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.InsufficientPoints, () => SpendAsync(engine, id, 1));

        var approved = await SettleAsync(engine.ApprovePendingAsync, id, a.Entry.Id);
        var voided = await SettleAsync(engine.VoidPendingAsync, id, b.Entry.Id);

        Assert.Equal(LedgerEntryKind.Approve, approved.Entry.Kind);
        Assert.Equal(a.Entry.Id, approved.Entry.Settles);
        Assert.Equal(LedgerEntryKind.Void, voided.Entry.Kind);
        Assert.Equal(new PointsBalance(70, 0, 0, 0, 0, 0), voided.Balance);
        Assert.Equal(approved.Entry.Id, Assert.Single(await engine.GetOpenLotsAsync(id, Cancellation)).Id);
        await InvariantsAsync(engine, id);
    }

    [Fact]
    public async Task Reverse_TakesFromTheEarnsLotFirst_AndLowersEarned()
    {
        var engine = NewEngine();
        var id = await MemberAsync(engine);
        var older = await EarnAsync(engine, id, 100);
        Clock.AdvanceDays(1);
        var refunded = await EarnAsync(engine, id, 80);

        var reverse = await engine.ReverseAsync(new ReversePoints(id, refunded.Entry.Id, 50, Key()) { Reason = "partial refund" }, Cancellation);

        Assert.Equal([new LotAllocation(refunded.Entry.Id, 50)], reverse.Entry.Allocations);
        Assert.Equal(new PointsBalance(130, 0, 0, 0, 0, 0), reverse.Balance);
        Assert.Equal(130, reverse.Balance.Lifetime);
        var lots = await engine.GetOpenLotsAsync(id, Cancellation);
        Assert.Equal(100, lots.Single(l => l.Id == older.Entry.Id).Remaining);
        Assert.Equal(30, lots.Single(l => l.Id == refunded.Entry.Id).Remaining);

        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.InvalidAmount,
            () => engine.ReverseAsync(new ReversePoints(id, refunded.Entry.Id, 31, Key()), Cancellation));
        await engine.ReverseAsync(new ReversePoints(id, refunded.Entry.Id, 30, Key()), Cancellation);
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.ValidationFailed,
            () => engine.ReverseAsync(new ReversePoints(id, reverse.Entry.Id, 1, Key()), Cancellation));
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.EntryNotFound,
            () => engine.ReverseAsync(new ReversePoints(id, EntryId.New(), 1, Key()), Cancellation));
        Assert.Equal(100, (await BalanceAsync(engine, id)).Spendable);
    }

    [Fact]
    public async Task Reverse_OfSpentPoints_WithoutDebt_IsRefused_WithDebt_RecordsDebtPaidByNextEarn()
    {
        var strict = NewEngine();
        var a = await MemberAsync(strict);
        var earn = await EarnAsync(strict, a, 100);
        await SpendAsync(strict, a, 90);
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(strict, Store, ErrorCode.InsufficientPoints,
            () => strict.ReverseAsync(new ReversePoints(a, earn.Entry.Id, 100, Key()), Cancellation));

        var lenient = NewEngine(o => o.Ledger.AllowDebt = true);
        var b = await MemberAsync(lenient);
        var earnB = await EarnAsync(lenient, b, 100);
        await SpendAsync(lenient, b, 90);
        var reverse = await lenient.ReverseAsync(new ReversePoints(b, earnB.Entry.Id, 100, Key()), Cancellation);
        Assert.Equal(0, reverse.Balance.Spendable);
        Assert.Equal(90, reverse.Balance.Debt);
        await InvariantsAsync(lenient, b);

        var partial = await EarnAsync(lenient, b, 40);
        Assert.Equal(50, partial.Balance.Debt);
        Assert.Equal(0, partial.Balance.Spendable);
        var clearing = await EarnAsync(lenient, b, 70);
        Assert.Equal(0, clearing.Balance.Debt);
        Assert.Equal(20, clearing.Balance.Spendable);
        await InvariantsAsync(lenient, b);
        await LoyaltyAssert.ThrowsAsync(ErrorCode.InsufficientPoints, () => SpendAsync(lenient, b, 21));
    }

    [Fact]
    public async Task Deduct_WithDebtAllowed_OverdrawsAndIsRepaid()
    {
        var engine = NewEngine(o => o.Ledger.AllowDebt = true);
        var id = await MemberAsync(engine);
        await EarnAsync(engine, id, 30);
        var reserve = await ReserveAsync(engine, id, 10);

        var deduct = await engine.DeductAsync(new DeductPoints(id, 50, Key()) { Reason = "chargeback", Actor = "ops" }, Cancellation);
        Assert.Equal(30, deduct.Balance.Debt);
        Assert.Equal(10, deduct.Balance.Reserved);
        await InvariantsAsync(engine, id);

        var release = await SettleAsync(engine.ReleaseReservationAsync, id, reserve.Entry.Id);
        Assert.Equal(20, release.Balance.Debt);
        Assert.Equal(0, release.Balance.Spendable);
        await InvariantsAsync(engine, id);
    }

    [Fact]
    public async Task Accounts_AreSeparate()
    {
        var engine = NewEngine();
        var id = await MemberAsync(engine);
        await EarnAsync(engine, id, 100);
        await engine.AwardAsync(new AwardPoints(id, 7, Key()) { Account = "status_credits" }, Cancellation);

        Assert.Equal(100, (await engine.GetBalanceAsync(id, cancellationToken: Cancellation)).Spendable);
        Assert.Equal(7, (await engine.GetBalanceAsync(id, "status_credits", Cancellation)).Spendable);
        await LoyaltyAssert.ThrowsAsync(ErrorCode.InsufficientPoints, () => engine.SpendAsync(new SpendPoints(id, 8, Key()) { Account = "status_credits" }, Cancellation));
        var balances = await InvariantsAsync(engine, id);
        Assert.Equal(2, balances.Count);
    }

    public static TheoryData<MemberStatus, LedgerEntryKind?, bool> StatusGatingDesignTable => new()
    {
        // status, what an award writes (null: refused), whether spends and reservations are allowed (DESIGN §4)
        { MemberStatus.Inactive, LedgerEntryKind.EarnPending, false },
        { MemberStatus.Pending, LedgerEntryKind.EarnPending, false },
        { MemberStatus.Active, LedgerEntryKind.Earn, true },
        { MemberStatus.Suspended, LedgerEntryKind.Earn, false },
        { MemberStatus.Banned, null, false },
        { MemberStatus.OptedOut, null, false },
    };

    [Theory]
    [MemberData(nameof(StatusGatingDesignTable))]
    public async Task StatusGating_EveryStatus_FollowsTheDesignTable(MemberStatus status, LedgerEntryKind? earnKind, bool maySpend)
    {
        var engine = NewEngine();
        MemberId id;
        if (status is MemberStatus.Inactive or MemberStatus.Pending)
        {
            id = await MemberAsync(engine, "m", status); // a guest, or an enrollment awaiting verification
        }
        else
        {
            id = await MemberAsync(engine);
            await EarnAsync(engine, id, 100);
            if (status != MemberStatus.Active)
            {
                id = (await engine.ChangeStatusAsync(id, new StatusChange(status), Cancellation)).Id;
            }
        }

        if (earnKind is { } kind)
        {
            Assert.Equal(kind, (await EarnAsync(engine, id, 10)).Entry.Kind);
        }
        else
        {
            var refused = await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.StatusNotAllowed, () => EarnAsync(engine, id, 10));
            Assert.Contains(status.ToString(), refused.Message, StringComparison.Ordinal);
        }

        if (maySpend)
        {
            Assert.Equal(LedgerEntryKind.Spend, (await SpendAsync(engine, id, 5)).Entry.Kind);
            Assert.Equal(LedgerEntryKind.Reserve, (await ReserveAsync(engine, id, 5)).Entry.Kind);
        }
        else
        {
            await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.StatusNotAllowed, () => SpendAsync(engine, id, 5));
            await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.StatusNotAllowed, () => ReserveAsync(engine, id, 5));
        }
    }

    [Fact]
    public async Task StatusGating_FollowsDesignTable()
    {
        var engine = NewEngine();
        var suspended = await MemberAsync(engine, "suspended", MemberStatus.Suspended);
        var banned = await MemberAsync(engine, "banned", MemberStatus.Banned);

        var earned = await EarnAsync(engine, suspended, 100);
        Assert.Equal(LedgerEntryKind.Earn, earned.Entry.Kind);
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.StatusNotAllowed, () => SpendAsync(engine, suspended, 10));
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.StatusNotAllowed, () => ReserveAsync(engine, suspended, 10));
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.StatusNotAllowed, () => EarnAsync(engine, banned, 10));
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.StatusNotAllowed, () => SpendAsync(engine, banned, 10));

        var reinstated = await engine.ChangeStatusAsync(suspended, new StatusChange(MemberStatus.Active), Cancellation);
        Assert.Equal(90, (await SpendAsync(engine, reinstated.Id, 10)).Balance.Spendable);
    }

    [Fact]
    public async Task ReservationHeldWhenSuspended_CannotCommit_ButCanRelease()
    {
        var engine = NewEngine();
        var id = await MemberAsync(engine);
        await EarnAsync(engine, id, 100);
        var reserve = await ReserveAsync(engine, id, 40);
        await engine.ChangeStatusAsync(id, new StatusChange(MemberStatus.Suspended) { Reason = "fraud check" }, Cancellation);

        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.StatusNotAllowed, () => SettleAsync(engine.CommitReservationAsync, id, reserve.Entry.Id));
        var release = await SettleAsync(engine.ReleaseReservationAsync, id, reserve.Entry.Id);
        Assert.Equal(100, release.Balance.Spendable);
    }

    [Fact]
    public async Task GuestAndPendingEarns_AreHeld_ThenClaimedOnEnrollment()
    {
        var engine = NewEngine();
        var guest = await MemberAsync(engine, "guest", MemberStatus.Inactive);
        var pending = await MemberAsync(engine, "pending", MemberStatus.Pending);

        var guestEarn = await EarnAsync(engine, guest, 60);
        var pendingEarn = await EarnAsync(engine, pending, 40);
        Assert.Equal(LedgerEntryKind.EarnPending, guestEarn.Entry.Kind);
        Assert.Null(guestEarn.Entry.DueAt);
        Assert.Equal(new PointsBalance(0, 40, 0, 0, 0, 0), pendingEarn.Balance);
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.StatusNotAllowed, () => SpendAsync(engine, guest, 1));
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.StatusNotAllowed, () => SettleAsync(engine.ApprovePendingAsync, guest, guestEarn.Entry.Id));

        await engine.ChangeStatusAsync(guest, new StatusChange(MemberStatus.Active), Cancellation);
        await engine.ChangeStatusAsync(pending, new StatusChange(MemberStatus.Active) { Reason = "email verified" }, Cancellation);

        Assert.Equal(new PointsBalance(60, 0, 0, 0, 0, 0), await BalanceAsync(engine, guest));
        Assert.Equal(new PointsBalance(40, 0, 0, 0, 0, 0), await BalanceAsync(engine, pending));
        var entries = await LedgerInvariants.EntriesAsync(engine, guest);
        Assert.Equal([LedgerEntryKind.EarnPending, LedgerEntryKind.Approve], entries.Select(e => e.Kind));
    }

    [Fact]
    public async Task OptOut_VoidsPendingAndReleasesReservations_KeepingTheLedgerUnderTheNewId()
    {
        var engine = NewEngine();
        var id = await MemberAsync(engine, "leaver");
        await EarnAsync(engine, id, 100);
        await EarnAsync(engine, id, 20, pending: true);
        await ReserveAsync(engine, id, 30);

        var anonymized = await engine.ChangeStatusAsync(id, new StatusChange(MemberStatus.OptedOut), Cancellation);

        var balance = await BalanceAsync(engine, anonymized.Id);
        Assert.Equal(new PointsBalance(100, 0, 0, 0, 0, 0), balance);
        Assert.Empty(await engine.GetOpenHoldsAsync(anonymized.Id, Cancellation));
        Assert.All(await LedgerInvariants.EntriesAsync(engine, anonymized.Id), e => Assert.Equal(anonymized.Id, e.MemberId));
        await LoyaltyAssert.ThrowsAsync(ErrorCode.MemberNotFound, () => engine.GetBalanceAsync(id, cancellationToken: Cancellation));
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.StatusNotAllowed, () => EarnAsync(engine, anonymized.Id, 1));
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.StatusNotAllowed,
            () => engine.DeductAsync(new DeductPoints(anonymized.Id, 1, Key()), Cancellation));
    }

    [Fact]
    public async Task EveryWrite_RetriedWithTheSameKey_HasOneEffect()
    {
        var engine = NewEngine();
        var id = await MemberAsync(engine);
        var earn = await EarnAsync(engine, id, 500, "e1");
        var writes = new List<Func<Task<LedgerResult>>>
        {
            () => EarnAsync(engine, id, 500, "e1"),
            () => SpendAsync(engine, id, 20, "s1"),
            () => engine.DeductAsync(new DeductPoints(id, 5, "d1"), Cancellation),
            () => engine.ReverseAsync(new ReversePoints(id, earn.Entry.Id, 3, "r1"), Cancellation),
            () => EarnAsync(engine, id, 9, "p1", pending: true),
            () => ReserveAsync(engine, id, 11, "res1"),
        };

        foreach (var write in writes)
        {
            var first = await write();
            var before = await ProgramFingerprint.CaptureAsync(engine, Store);
            var retry = await write();
            Assert.Equal(before, await ProgramFingerprint.CaptureAsync(engine, Store));
            Assert.True(retry.Replayed);
            Assert.Equal(first.Entries.Select(e => e.Id), retry.Entries.Select(e => e.Id));
            Assert.Equal(first.Balance, retry.Balance);
        }

        var holds = await engine.GetOpenHoldsAsync(id, Cancellation);
        var pending = holds.Single(h => h.Kind == LedgerEntryKind.EarnPending);
        var reservation = holds.Single(h => h.Kind == LedgerEntryKind.Reserve);
        var voided = await EarnAsync(engine, id, 4, "p2", pending: true);
        var released = await ReserveAsync(engine, id, 6, "res2");
        foreach (var settle in new Func<Task<LedgerResult>>[]
        {
            () => SettleAsync(engine.ApprovePendingAsync, id, pending.Id, "a1"),
            () => SettleAsync(engine.CommitReservationAsync, id, reservation.Id, "c1"),
            () => SettleAsync(engine.VoidPendingAsync, id, voided.Entry.Id, "v1"),
            () => SettleAsync(engine.ReleaseReservationAsync, id, released.Entry.Id, "rel1"),
        })
        {
            var first = await settle();
            var before = await ProgramFingerprint.CaptureAsync(engine, Store);
            var retry = await settle();
            Assert.Equal(before, await ProgramFingerprint.CaptureAsync(engine, Store));
            Assert.True(retry.Replayed);
            Assert.Equal(first.Entry.Id, retry.Entry.Id);
            Assert.Equal(first.Balance, retry.Balance);
        }

        var balance = await BalanceAsync(engine, id);
        Assert.Equal(new PointsBalance(500 - 3 + 9, 0, 0, 20 + 11, 0, 5), balance);

        // A retry long after, with other writes in between, still returns the original result and writes nothing.
        var late = await SpendAsync(engine, id, 20, "s1");
        Assert.True(late.Replayed);
        Assert.Equal(new PointsBalance(500, 0, 0, 20, 0, 0), late.Balance);
        Assert.Equal(balance, await BalanceAsync(engine, id));
    }

    [Fact]
    public async Task EveryWrite_SameKeyWithAnotherPayload_ThrowsIdempotencyConflictAndWritesNothing()
    {
        var engine = NewEngine();
        var id = await MemberAsync(engine);
        var earn = await EarnAsync(engine, id, 500, "e1");
        var other = await EarnAsync(engine, id, 50, "e2");
        var pendingA = await EarnAsync(engine, id, 9, "p1", pending: true);
        var pendingB = await EarnAsync(engine, id, 8, "p2", pending: true);
        var reserveA = await ReserveAsync(engine, id, 11, "res1");
        var reserveB = await ReserveAsync(engine, id, 12, "res2");
        await SpendAsync(engine, id, 20, "s1");
        await engine.DeductAsync(new DeductPoints(id, 5, "d1"), Cancellation);
        await engine.ReverseAsync(new ReversePoints(id, earn.Entry.Id, 3, "r1"), Cancellation);
        await SettleAsync(engine.ApprovePendingAsync, id, pendingA.Entry.Id, "a1");
        await SettleAsync(engine.CommitReservationAsync, id, reserveA.Entry.Id, "c1");

        foreach (var conflicting in new Func<Task>[]
        {
            () => SpendAsync(engine, id, 21, "s1"),
            () => engine.SpendAsync(new SpendPoints(id, 20, "s1") { Reason = "another reward" }, Cancellation),
            () => engine.DeductAsync(new DeductPoints(id, 6, "d1"), Cancellation),
            () => engine.DeductAsync(new DeductPoints(id, 5, "d1") { Account = "status_credits" }, Cancellation),
            () => engine.ReverseAsync(new ReversePoints(id, earn.Entry.Id, 4, "r1"), Cancellation),
            () => engine.ReverseAsync(new ReversePoints(id, other.Entry.Id, 3, "r1"), Cancellation),
            () => ReserveAsync(engine, id, 10, "res1"),
            () => EarnAsync(engine, id, 9, "p1"),
            () => SettleAsync(engine.ApprovePendingAsync, id, pendingB.Entry.Id, "a1"),
            () => SettleAsync(engine.VoidPendingAsync, id, pendingA.Entry.Id, "a1"),
            () => SettleAsync(engine.CommitReservationAsync, id, reserveB.Entry.Id, "c1"),
            () => SettleAsync(engine.ReleaseReservationAsync, id, reserveA.Entry.Id, "c1"),
            () => SpendAsync(engine, id, 1, "c1"),
        })
        {
            await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.IdempotencyConflict, conflicting);
        }

        Assert.Equal(2, (await engine.GetOpenHoldsAsync(id, Cancellation)).Count);
    }

    [Fact]
    public async Task RefusedWrite_DoesNotTakeItsKey_SoTheSameKeyWorksOnceThePointsAreThere()
    {
        var engine = NewEngine();
        var id = await MemberAsync(engine);
        await EarnAsync(engine, id, 10);
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.InsufficientPoints, () => SpendAsync(engine, id, 50, "order-7:redeem"));
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.InsufficientPoints, () => ReserveAsync(engine, id, 30, "order-7:hold"));

        await EarnAsync(engine, id, 90);
        var spend = await SpendAsync(engine, id, 50, "order-7:redeem");
        var reserve = await ReserveAsync(engine, id, 30, "order-7:hold");

        Assert.False(spend.Replayed);
        Assert.False(reserve.Replayed);
        Assert.Equal(new PointsBalance(100, 0, 30, 50, 0, 0), await BalanceAsync(engine, id));
    }

    public static TheoryData<string, ErrorCode, string> BadWrites => new()
    {
        { "award-zero", ErrorCode.InvalidAmount, "points" },
        { "award-negative", ErrorCode.InvalidAmount, "points" },
        { "award-over-cap", ErrorCode.InvalidAmount, "points" },
        { "spend-zero", ErrorCode.InvalidAmount, "points" },
        { "spend-negative", ErrorCode.InvalidAmount, "points" },
        { "reserve-zero", ErrorCode.InvalidAmount, "points" },
        { "deduct-zero", ErrorCode.InvalidAmount, "points" },
        { "deduct-negative", ErrorCode.InvalidAmount, "points" },
        { "reverse-zero", ErrorCode.InvalidAmount, "points" },
        { "unknown-account", ErrorCode.UnknownAccount, "account" },
        { "unknown-member-award", ErrorCode.MemberNotFound, "memberId" },
        { "unknown-member-spend", ErrorCode.MemberNotFound, "memberId" },
        { "unknown-member-settle", ErrorCode.MemberNotFound, "memberId" },
        { "empty-member", ErrorCode.ValidationFailed, "memberId" },
        { "missing-key", ErrorCode.ValidationFailed, "idempotencyKey" },
        { "reason-too-long", ErrorCode.ValidationFailed, "reason" },
        { "actor-control", ErrorCode.ValidationFailed, "actor" },
        { "settle-unknown-entry", ErrorCode.EntryNotFound, "entryId" },
    };

    [Theory]
    [MemberData(nameof(BadWrites))]
    public async Task BadWrites_AreRefusedWithTypedErrorsAndWriteNothing(string scenario, ErrorCode code, string field)
    {
        var engine = NewEngine(o => o.Ledger.MaxAward = 5_000);
        var id = await MemberAsync(engine);
        var earn = await EarnAsync(engine, id, 1_000);
        Func<Task> write = scenario switch
        {
            "award-zero" => () => EarnAsync(engine, id, 0),
            "award-negative" => () => EarnAsync(engine, id, -5),
            "award-over-cap" => () => EarnAsync(engine, id, 5_001),
            "spend-zero" => () => SpendAsync(engine, id, 0),
            "spend-negative" => () => SpendAsync(engine, id, -1),
            "reserve-zero" => () => ReserveAsync(engine, id, 0),
            "deduct-zero" => () => engine.DeductAsync(new DeductPoints(id, 0, Key()), Cancellation),
            "deduct-negative" => () => engine.DeductAsync(new DeductPoints(id, -10, Key()), Cancellation),
            "reverse-zero" => () => engine.ReverseAsync(new ReversePoints(id, earn.Entry.Id, 0, Key()), Cancellation),
            "unknown-account" => () => engine.AwardAsync(new AwardPoints(id, 10, Key()) { Account = "miles" }, Cancellation),
            "unknown-member-award" => () => EarnAsync(engine, "ghost", 10),
            "unknown-member-spend" => () => SpendAsync(engine, "ghost", 10),
            "unknown-member-settle" => () => SettleAsync(engine.ApprovePendingAsync, "ghost", earn.Entry.Id),
            "empty-member" => () => EarnAsync(engine, default, 10),
            "missing-key" => () => engine.AwardAsync(new AwardPoints(id, 10, default), Cancellation),
            "reason-too-long" => () => engine.AwardAsync(new AwardPoints(id, 10, Key()) { Reason = new string('r', 501) }, Cancellation),
            "actor-control" => () => engine.AwardAsync(new AwardPoints(id, 10, Key()) { Actor = "a\u0007" }, Cancellation),
            "settle-unknown-entry" => () => SettleAsync(engine.CommitReservationAsync, id, EntryId.New()),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };

        var error = await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, code, write);

        Assert.Equal(field, error.Field);
        await InvariantsAsync(engine, id);
        await LoyaltyAssert.ThrowsAsync(ErrorCode.MemberNotFound, () => engine.GetBalanceAsync("ghost", cancellationToken: Cancellation));
    }

    [Fact]
    public async Task AwardAtExactlyTheCap_IsAccepted()
    {
        var engine = NewEngine();
        var id = await MemberAsync(engine);
        Assert.Equal(1_000_000, (await EarnAsync(engine, id, 1_000_000)).Balance.Spendable);
    }

    [Fact]
    public async Task History_ShowsEveryLedgerEntryWithItsReason_Paginated()
    {
        var engine = NewEngine();
        var id = await MemberAsync(engine);
        for (var i = 0; i < 25; i++)
        {
            await engine.AwardAsync(new AwardPoints(id, i + 1, $"order-{i}") { Reason = $"Order {i}" }, Cancellation);
        }

        var seen = new List<ActivityEntry>();
        string? cursor = null;
        do
        {
            var page = await engine.GetHistoryAsync(id, new HistoryQuery { Limit = 10, Cursor = cursor }, Cancellation);
            Assert.True(page.Entries.Count <= 10);
            seen.AddRange(page.Entries);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(26, seen.Count);
        Assert.Equal(ActivityKind.Created, seen[0].Kind);
        Assert.All(seen.Skip(1), e => Assert.Equal(ActivityKind.Ledger, e.Kind));
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"Order {i}"), seen.Skip(1).Select(e => e.LedgerEntry!.Reason));
        Assert.Equal(seen.Select(e => e.Sequence).Order(), seen.Select(e => e.Sequence));
    }

    [Fact]
    public async Task LedgerWrites_AppendEventsToTheOutbox()
    {
        var engine = NewEngine();
        var id = await MemberAsync(engine);
        await EarnAsync(engine, id, 100);
        await SpendAsync(engine, id, 30);
        var reserve = await ReserveAsync(engine, id, 10);
        await SettleAsync(engine.CommitReservationAsync, id, reserve.Entry.Id);

        var types = (await Store.ReadOutboxAsync(engine.ProgramId, 0, 100, Cancellation)).Select(m => m.Type).ToArray();

        Assert.Equal([LoyaltyEventTypes.MemberEnrolled, LoyaltyEventTypes.PointsEarned, LoyaltyEventTypes.PointsSpent, LoyaltyEventTypes.PointsSpent], types);
    }

    [Fact]
    public async Task AwardBatchAsync_WritesGoodRows_ReportsBadRows_AndIsIdempotentOnRerun()
    {
        var engine = NewEngine(o => o.Ledger.MaxAward = 1_000);
        var a = await MemberAsync(engine, "a");
        var b = await MemberAsync(engine, "b");
        await MemberAsync(engine, "banned", MemberStatus.Banned);
        var batch = new List<AwardPoints>
        {
            new(a, 10, "batch-1"),
            new(b, 20, "batch-2"),
            new(a, 0, "batch-3"),
            new("ghost", 5, "batch-4"),
            new("banned", 5, "batch-5"),
            new(a, 30, "batch-6"),
            new(b, 40, "batch-1"),
        };
        for (var i = 0; i < 1_200; i++)
        {
            batch.Add(new AwardPoints(i % 2 == 0 ? a : b, 1, $"bulk-{i}"));
        }

        var reports = new List<BatchProgress>();
        var result = await engine.AwardBatchAsync(batch, new SynchronousProgress<BatchProgress>(reports.Add), Cancellation);

        Assert.Equal(batch.Count, result.Items.Count);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], result.Items.Take(7).Select(i => i.Index));
        Assert.Null(result.Items[0].Error);
        Assert.Equal(ErrorCode.InvalidAmount, result.Items[2].Error?.Code);
        Assert.Equal(ErrorCode.MemberNotFound, result.Items[3].Error?.Code);
        Assert.Equal(ErrorCode.StatusNotAllowed, result.Items[4].Error?.Code);
        Assert.Equal(ErrorCode.IdempotencyConflict, result.Items[6].Error?.Code);
        Assert.Equal(4, result.Failed);
        Assert.Equal(batch.Count - 4, result.Succeeded);
        Assert.Equal(batch.Count, reports[^1].Processed);
        Assert.Equal(4, reports[^1].Failed);
        Assert.Equal(10 + 30 + 600, (await BalanceAsync(engine, a)).Spendable);
        Assert.Equal(20 + 600, (await BalanceAsync(engine, b)).Spendable);

        var before = await ProgramFingerprint.CaptureAsync(engine, Store);
        var rerun = await engine.AwardBatchAsync(batch, cancellationToken: Cancellation);
        Assert.Equal(before, await ProgramFingerprint.CaptureAsync(engine, Store));
        Assert.All(rerun.Items.Where(i => i.Result is not null), i => Assert.True(i.Result!.Replayed));
        Assert.Equal(4, rerun.Failed);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
