using System.Globalization;
using Loyalty.Diagnostics;
using Loyalty.Events;
using Loyalty.Ledger;
using Loyalty.Storage;
using NodaTime;
using Log = Loyalty.Diagnostics.Log;

namespace Loyalty.Engine;

internal sealed partial class LoyaltyEngine
{
    private const int MaintenancePageSize = 200;
    private const string MaintenanceActor = "maintenance";

    // In the order a member's own maintenance does them (see MaintainAsync).
    private static readonly DueWorkKind[] AllDueWork = [DueWorkKind.Holds, DueWorkKind.ExpiringLots, DueWorkKind.TierReviews];
    private static readonly DueWorkKind[] ExpiryWork = [DueWorkKind.ExpiringLots];

    public Task<MaintenanceReport> RunMaintenanceAsync(Instant asOf, CancellationToken cancellationToken = default) =>
        RunJobAsync(asOf, expiryOnly: false, cancellationToken);

    public Task<MaintenanceReport> ExpireDueAsync(Instant asOf, CancellationToken cancellationToken = default) =>
        RunJobAsync(asOf, expiryOnly: true, cancellationToken);

    /// <summary>
    /// Runs the job one kind of due work at a time, each paged through in identifier order. A member is maintained in
    /// full (all of their due work) on the first page that lists them, so the later kinds find their work done; a member
    /// listed again (work that cannot be done yet, such as a suspended member's pending earn) is maintained again, which
    /// changes nothing.
    /// </summary>
    private async Task<MaintenanceReport> RunJobAsync(Instant asOf, bool expiryOnly, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var total = new MaintenanceReport { AsOf = asOf };
        foreach (var kind in expiryOnly ? ExpiryWork : AllDueWork)
        {
            MemberId? after = null;
            while (true)
            {
                var due = await _store.ListMembersWithDueWorkAsync(_settings.ProgramId, kind, asOf, after, MaintenancePageSize, cancellationToken).ConfigureAwait(false);
                if (due.Count == 0)
                {
                    break;
                }

                var outcomes = await MaintainPageAsync(due, asOf, expiryOnly, cancellationToken).ConfigureAwait(false);
                foreach (var done in outcomes)
                {
                    total = total with
                    {
                        Members = total.Members + (done.IsEmpty ? 0 : 1),
                        PointsExpired = total.PointsExpired + done.PointsExpired,
                        PendingApproved = total.PendingApproved + done.PendingApproved,
                        ReservationsReleased = total.ReservationsReleased + done.ReservationsReleased,
                        TierChanges = total.TierChanges + done.TierChanges,
                    };
                }

                after = due[due.Count - 1];
                if (due.Count < MaintenancePageSize)
                {
                    break;
                }
            }
        }

        Log.MaintenanceCompleted(_logger, _settings.ProgramId.Value, asOf, total.Members, total.PointsExpired, total.PendingApproved, total.ReservationsReleased, total.TierChanges);
        return total;
    }

    /// <summary>
    /// Maintains one page of members in one store transaction, each member locked in turn in ascending identifier order
    /// (the order the store lists them, and the order batches lock in, so concurrent jobs and batches cannot deadlock).
    /// One commit per page rather than per member: the job's cost is its rows, not its commits. A transient store failure
    /// retries the page; any other failure rolls the page back and fails the job (which is idempotent: a rerun resumes).
    /// </summary>
    private ValueTask<MaintenanceOutcome[]> MaintainPageAsync(IReadOnlyList<MemberId> page, Instant asOf, bool expiryOnly, CancellationToken cancellationToken) =>
        RetryAsync("maintenance", page[0], async () =>
        {
            var outcomes = new MaintenanceOutcome[page.Count];
            var transaction = await _store.BeginTransactionAsync(_settings.ProgramId, StoreTransactionMode.AllOrNothing, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                for (var i = 0; i < page.Count; i++)
                {
                    outcomes[i] = await DecideAndApplyAsync(transaction, page[i], null, write => MaintainAsync(write, asOf, expiryOnly), cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return outcomes;
        }, cancellationToken);

    /// <summary>
    /// Processes one member's due work under their lock, re-checking it, so that jobs running at once in several
    /// processes handle each due item exactly once: timed-out reservations are released, pending earns past their
    /// pending period approved, then lots past their expiry expired, then the tier reviewed. With
    /// <paramref name="expiryOnly"/>, only the lots are expired.
    /// </summary>
    private async ValueTask<MaintenanceOutcome> MaintainAsync(MemberWrite write, Instant asOf, bool expiryOnly)
    {
        if (write.Member is null)
        {
            return default;
        }

        var outcome = default(MaintenanceOutcome);
        IReadOnlyList<LedgerEntry> holds = expiryOnly ? [] : await write.Transaction.LoadOpenHoldsAsync(write.MemberId, default).ConfigureAwait(false);
        foreach (var hold in holds.Where(h => h.DueAt <= asOf))
        {
            var work = await LoadAccountAsync(write, hold.Account).ConfigureAwait(false);
            if (hold.Kind == LedgerEntryKind.Reserve)
            {
                Release(write, work, hold, "reservation timed out", MaintenanceActor, null);
                outcome = outcome with { ReservationsReleased = outcome.ReservationsReleased + 1 };
            }
            else if (LedgerPermissions.Allows(write.RequireMember().Status, LedgerAction.Approve))
            {
                Approve(write, work, hold, null, MaintenanceActor, null);
                outcome = outcome with { PendingApproved = outcome.PendingApproved + 1 };
            }
        }

        foreach (var account in _settings.Accounts)
        {
            var work = await LoadAccountAsync(write, account).ConfigureAwait(false);
            outcome = outcome with { PointsExpired = outcome.PointsExpired + ExpireDue(write, work, asOf) };
        }

        return expiryOnly ? outcome : outcome with { TierChanges = await ReviewTierAsync(write, asOf).ConfigureAwait(false) };
    }

    /// <summary>
    /// Expires the available points of every lot of the account whose expiry is at or before <paramref name="asOf"/>.
    /// The job calls it, and so does every write that consumes or extends lots, before it does, so that expired points
    /// are never spent, reserved or revived by a later earn when the job has not run yet. The lots due on one expiry
    /// date become one <see cref="LedgerEntryKind.Expire"/> entry (and one event) whose allocations name each lot, as a
    /// spend names the lots it took from: a member's ten lots due on the same day cost one entry, not ten.
    /// </summary>
    /// <returns>The points expired.</returns>
    private static long ExpireDue(MemberWrite write, AccountWork work, Instant asOf)
    {
        long expired = 0;
        List<LotAllocation>? group = null;
        LocalDate? groupDate = null;
        foreach (var lot in work.ConsumptionOrder.Where(l => l.ExpiresAt <= asOf && l.Available > 0).ToList())
        {
            if (group is null || lot.ExpiresOn != groupDate)
            {
                expired += group is null ? 0 : Expire(write, work, group, groupDate);
                (group, groupDate) = ([], lot.ExpiresOn);
            }

            group.Add(new LotAllocation(lot.Id, lot.Available));
            work.Set(lot with { Remaining = lot.Remaining - lot.Available });
        }

        return group is null ? expired : expired + Expire(write, work, group, groupDate);
    }

    /// <summary>Records the expiry of the lots' available points (already taken from the lots), due on <paramref name="expiresOn"/>.</summary>
    private static long Expire(MemberWrite write, AccountWork work, List<LotAllocation> lots, LocalDate? expiresOn)
    {
        long points = 0;
        foreach (var lot in lots)
        {
            points += lot.Points;
        }

        work.Balance = work.Balance.Add(expired: points);
        var entry = NewEntry(write, work, LedgerEntryKind.Expire, points, "points expired", MaintenanceActor, null, expiresOn: expiresOn, allocations: lots);
        write.AddEntry(entry);
        write.AddEvent(LoyaltyEventTypes.PointsExpired, ExpiredPayload(entry, points, expiresOn));
        LoyaltyDiagnostics.Expired(points);
        return points;
    }

    /// <summary>The body of a points-expired event. Account names, ids and ISO dates need no JSON escaping, so it is formatted directly.</summary>
    private static string ExpiredPayload(LedgerEntry entry, long points, LocalDate? expiresOn) => expiresOn is { } on
        ? string.Create(CultureInfo.InvariantCulture, stackalloc char[160], $"{{\"entry_id\":\"{entry.Id.Value}\",\"account\":\"{entry.Account.Value}\",\"points\":{points},\"expires_on\":\"{JsonDocuments.Format(on)}\"}}")
        : string.Create(CultureInfo.InvariantCulture, stackalloc char[160], $"{{\"entry_id\":\"{entry.Id.Value}\",\"account\":\"{entry.Account.Value}\",\"points\":{points},\"expires_on\":null}}");

    private readonly record struct MaintenanceOutcome(long PointsExpired, int PendingApproved, int ReservationsReleased, int TierChanges)
    {
        public bool IsEmpty => PointsExpired == 0 && PendingApproved == 0 && ReservationsReleased == 0 && TierChanges == 0;
    }
}
