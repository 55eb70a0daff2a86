using FsCheck;
using FsCheck.Fluent;
using Loyalty.Ledger;
using NodaTime;

namespace Loyalty.StoreContract;

/// <summary>
/// Property-based tests: random sequences of ledger operations (earn, pending, approve, void, spend, reserve, commit,
/// release, deduct, time passing with expiry) give the same balances as a simple reference model, and the invariants
/// hold after every sequence.
/// </summary>
public abstract class LedgerPropertyContractTests<TFixture>(TFixture fixture) : LedgerContractBase<TFixture>(fixture)
    where TFixture : class, IStoreFixture
{
    /// <summary>Gets how many random sequences are tried.</summary>
    protected virtual int Sequences => 60;

    public enum OperationKind
    {
        Earn,
        EarnPending,
        ApproveOldest,
        VoidOldest,
        Spend,
        Reserve,
        CommitOldest,
        ReleaseOldest,
        Deduct,
        PassDays,
    }

    public sealed record Operation(OperationKind Kind, int Amount)
    {
        public override string ToString() => $"{Kind}({Amount})";
    }

    [Fact]
    public Task RandomOperationSequences_MatchTheReferenceModel() => Task.Run(() =>
    {
        var operation = Gen.Elements(Enum.GetValues<OperationKind>())
            .SelectMany(kind => Gen.Choose(1, kind == OperationKind.PassDays ? 40 : 150).Select(amount => new Operation(kind, amount)));
        var sequences = Gen.ListOf(operation).Select(list => list.Take(40).ToArray()).ToArbitrary();
        var property = Prop.ForAll(sequences, ops => RunSequence(ops).GetAwaiter().GetResult());
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Sequences), property);
    }, Cancellation);

    private async Task<bool> RunSequence(Operation[] operations)
    {
        var clock = FakeClock.AtUtc(2026, 1, 1);
        var engine = CreateEngine(o => o.Ledger.Expiry = ExpiryPolicy.FixedLifetime(Period.FromDays(30)), clock: clock);
        var id = (await engine.EnrollAsync(new Members.NewMember { Id = "prop" })).Id;
        var model = new LedgerModel();
        var step = 0;
        foreach (var op in operations)
        {
            var key = $"op-{step++}";
            var today = clock.GetCurrentInstant().InUtc().Date;
            switch (op.Kind)
            {
                case OperationKind.Earn:
                    var earn = await engine.AwardAsync(new AwardPoints(id, op.Amount, key));
                    model.Earn(earn.Entry.Id, op.Amount, today.PlusDays(30));
                    break;
                case OperationKind.EarnPending:
                    var pending = await engine.AwardAsync(new AwardPoints(id, op.Amount, key) { Pending = true });
                    model.Pending.Add((pending.Entry.Id, op.Amount));
                    model.Balance = model.Balance.Add(pending: op.Amount);
                    break;
                case OperationKind.ApproveOldest when model.Pending.Count > 0:
                    var (pendingId, pendingPoints) = model.Pending[0];
                    var approve = await engine.ApprovePendingAsync(new SettleHold(id, pendingId, key));
                    model.Pending.RemoveAt(0);
                    model.Balance = model.Balance.Add(pending: -pendingPoints);
                    model.Earn(approve.Entry.Id, pendingPoints, today.PlusDays(30));
                    break;
                case OperationKind.VoidOldest when model.Pending.Count > 0:
                    await engine.VoidPendingAsync(new SettleHold(id, model.Pending[0].Id, key));
                    model.Balance = model.Balance.Add(pending: -model.Pending[0].Points);
                    model.Pending.RemoveAt(0);
                    break;
                case OperationKind.Spend or OperationKind.Deduct or OperationKind.Reserve:
                    var expectRefusal = op.Amount > model.Balance.Spendable;
                    try
                    {
                        var result = op.Kind switch
                        {
                            OperationKind.Spend => await engine.SpendAsync(new SpendPoints(id, op.Amount, key)),
                            OperationKind.Deduct => await engine.DeductAsync(new DeductPoints(id, op.Amount, key)),
                            _ => await engine.ReserveAsync(new ReservePoints(id, op.Amount, key)),
                        };
                        Assert.False(expectRefusal, $"{op} succeeded with only {model.Balance.Spendable} spendable");
                        model.Consume(op.Kind, result.Entry.Id, op.Amount);
                    }
                    catch (LoyaltyException ex) when (ex.Code == ErrorCode.InsufficientPoints)
                    {
                        Assert.True(expectRefusal, $"{op} was refused with {model.Balance.Spendable} spendable");
                    }

                    break;
                case OperationKind.CommitOldest when model.Reservations.Count > 0:
                    await engine.CommitReservationAsync(new SettleHold(id, model.Reservations[0].Id, key));
                    model.Settle(commit: true);
                    break;
                case OperationKind.ReleaseOldest when model.Reservations.Count > 0:
                    await engine.ReleaseReservationAsync(new SettleHold(id, model.Reservations[0].Id, key));
                    model.Settle(commit: false);
                    break;
                case OperationKind.PassDays:
                    clock.AdvanceDays(op.Amount);
                    await engine.RunMaintenanceAsync(clock.GetCurrentInstant());
                    while (model.Reservations.Count > 0)
                    {
                        model.Settle(commit: false); // the 30-minute reservation timeout has passed: the job releases them first
                    }

                    model.ExpireBefore(clock.GetCurrentInstant().InUtc().Date);
                    break;
                default:
                    break;
            }

            var actual = await engine.GetBalanceAsync(id);
            Assert.True(actual == model.Balance, $"After {string.Join(", ", operations.Take(step))}: engine {actual}, model {model.Balance}");
        }

        await LedgerInvariants.AssertAsync(engine, id);
        return true;
    }

    /// <summary>The reference model: lots consumed oldest first (all lots share one lifetime), pins per reservation.</summary>
    private sealed class LedgerModel
    {
        public PointsBalance Balance { get; set; }

        public List<(EntryId Id, long Points)> Pending { get; } = [];

        public List<(EntryId Id, long Points, List<(int Lot, long Points)> Pins)> Reservations { get; } = [];

        private List<ModelLot> Lots { get; } = [];

        public void Earn(EntryId id, long points, LocalDate lastValidDay)
        {
            Balance = Balance.Add(earned: points);
            Lots.Add(new ModelLot { Remaining = points, LastValidDay = lastValidDay });
        }

        public void Consume(OperationKind kind, EntryId entryId, long points)
        {
            var pins = new List<(int Lot, long Points)>();
            var left = points;
            for (var i = 0; i < Lots.Count && left > 0; i++)
            {
                var take = Math.Min(left, Lots[i].Remaining - Lots[i].Reserved);
                if (take <= 0)
                {
                    continue;
                }

                if (kind == OperationKind.Reserve)
                {
                    Lots[i].Reserved += take;
                    pins.Add((i, take));
                }
                else
                {
                    Lots[i].Remaining -= take;
                }

                left -= take;
            }

            Balance = kind switch
            {
                OperationKind.Spend => Balance.Add(spent: points),
                OperationKind.Deduct => Balance.Add(deducted: points),
                _ => Balance.Add(reserved: points),
            };
            if (kind == OperationKind.Reserve)
            {
                Reservations.Add((entryId, points, pins));
            }
        }

        public void Settle(bool commit)
        {
            var (_, points, pins) = Reservations[0];
            Reservations.RemoveAt(0);
            foreach (var (lot, pinned) in pins)
            {
                Lots[lot].Reserved -= pinned;
                if (commit)
                {
                    Lots[lot].Remaining -= pinned;
                }
            }

            Balance = commit ? Balance.Add(reserved: -points, spent: points) : Balance.Add(reserved: -points);
        }

        public void ExpireBefore(LocalDate today)
        {
            foreach (var lot in Lots.Where(l => l.LastValidDay < today))
            {
                var available = lot.Remaining - lot.Reserved;
                lot.Remaining -= available;
                Balance = Balance.Add(expired: available);
            }
        }

        private sealed class ModelLot
        {
            public long Remaining { get; set; }

            public long Reserved { get; set; }

            public LocalDate LastValidDay { get; init; }
        }
    }
}
