using Loyalty.Configuration;
using Loyalty.Ledger;
using Loyalty.Lifecycle;
using Loyalty.Members;

namespace Loyalty.StoreContract;

/// <summary>
/// Helpers shared by the ledger contract classes: short ways to enroll and write. The ledger invariants are checked for
/// every member of every program a test touched once the test ends, so they hold after every scenario.
/// </summary>
public abstract class LedgerContractBase<TFixture>(TFixture fixture) : StoreContractTests<TFixture>(fixture)
    where TFixture : class, IStoreFixture
{
    protected override async Task AfterEachTestAsync()
    {
        foreach (var engine in EnginesOverTheSharedStore)
        {
            await LedgerInvariants.AssertProgramAsync(engine);
        }
    }

    private int _keys;

    protected string Key(string prefix = "k") => $"{prefix}-{Interlocked.Increment(ref _keys)}";

    protected ILoyaltyEngine NewEngine(Action<LoyaltyOptions>? configure = null) => CreateEngine(o =>
    {
        o.Ledger.Accounts.Add("status_credits");
        configure?.Invoke(o);
    });

    protected async Task<MemberId> MemberAsync(ILoyaltyEngine engine, string id = "m", MemberStatus status = MemberStatus.Active)
    {
        if (status == MemberStatus.Inactive)
        {
            return (await engine.AddGuestAsync(new NewMember { Id = id }, Cancellation)).Id;
        }

        var member = await engine.EnrollAsync(new NewMember { Id = id, RequireVerification = status == MemberStatus.Pending }, Cancellation);
        if (status is MemberStatus.Active or MemberStatus.Pending)
        {
            return member.Id;
        }

        return (await engine.ChangeStatusAsync(member.Id, new StatusChange(status), Cancellation)).Id;
    }

    protected Task<LedgerResult> EarnAsync(ILoyaltyEngine engine, MemberId id, long points, string? key = null, bool pending = false) =>
        engine.AwardAsync(new AwardPoints(id, points, key ?? Key("earn")) { Pending = pending, Reason = "purchase" }, Cancellation);

    protected Task<LedgerResult> SpendAsync(ILoyaltyEngine engine, MemberId id, long points, string? key = null) =>
        engine.SpendAsync(new SpendPoints(id, points, key ?? Key("spend")) { Reason = "reward" }, Cancellation);

    protected Task<LedgerResult> ReserveAsync(ILoyaltyEngine engine, MemberId id, long points, string? key = null) =>
        engine.ReserveAsync(new ReservePoints(id, points, key ?? Key("reserve")) { Reason = "checkout" }, Cancellation);

    protected Task<LedgerResult> SettleAsync(Func<SettleHold, CancellationToken, Task<LedgerResult>> settle, MemberId id, EntryId entry, string? key = null) =>
        settle(new SettleHold(id, entry, key ?? Key("settle")), Cancellation);

    protected Task<MaintenanceReport> MaintainAsync(ILoyaltyEngine engine) => engine.RunMaintenanceAsync(Clock.GetCurrentInstant(), Cancellation);

    protected static Task<IReadOnlyDictionary<AccountName, PointsBalance>> InvariantsAsync(ILoyaltyEngine engine, MemberId id) =>
        LedgerInvariants.AssertAsync(engine, id);

    protected async Task<PointsBalance> BalanceAsync(ILoyaltyEngine engine, MemberId id)
    {
        var balances = await InvariantsAsync(engine, id);
        return balances[AccountName.Default];
    }
}
