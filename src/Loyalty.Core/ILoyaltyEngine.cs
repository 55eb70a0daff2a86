using Loyalty.History;
using Loyalty.Ledger;
using Loyalty.Snapshots;
using Loyalty.Storage;
using Loyalty.Tiers;
using NodaTime;
using Loyalty.Lifecycle;
using Loyalty.Members;

namespace Loyalty;

/// <summary>
/// The facade of one loyalty program: members, their lifecycle and history. Thread-safe; many engines in many
/// processes over one store are correct together. Errors are <see cref="LoyaltyException"/>s with a stable
/// <see cref="ErrorCode"/>; bad input is rejected before anything is written.
/// </summary>
public interface ILoyaltyEngine
{
    /// <summary>Gets the program this engine serves.</summary>
    ProgramId ProgramId { get; }

    /// <summary>
    /// Enrolls a new member: <see cref="MemberStatus.Active"/>, or <see cref="MemberStatus.Pending"/> when verification
    /// is required.
    /// </summary>
    /// <param name="member">The new member's data.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The created member.</returns>
    /// <exception cref="LoyaltyException">
    /// <see cref="ErrorCode.ValidationFailed"/>, <see cref="ErrorCode.SensitiveData"/>, <see cref="ErrorCode.UnknownAttribute"/>,
    /// <see cref="ErrorCode.ReadOnlyAttribute"/>, <see cref="ErrorCode.MemberAlreadyExists"/>, <see cref="ErrorCode.DuplicateEmail"/>,
    /// <see cref="ErrorCode.DuplicateExternalReference"/> or <see cref="ErrorCode.DuplicateExternalId"/>.
    /// </exception>
    Task<Member> EnrollAsync(NewMember member, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a known person who has not enrolled (status <see cref="MemberStatus.Inactive"/>), for example a guest
    /// checkout. Their earns are held as pending and claimed on enrollment.
    /// </summary>
    /// <param name="member">The guest's data.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The created member.</returns>
    Task<Member> AddGuestAsync(NewMember member, CancellationToken cancellationToken = default);

    /// <summary>
    /// The login pattern: returns the member with this external reference, enrolling one (from
    /// <paramref name="newMember"/>) when there is none. Race-safe: concurrent callers get the same single member.
    /// </summary>
    /// <param name="externalReference">The host's user identifier.</param>
    /// <param name="newMember">Data for the member if one is created; its <see cref="NewMember.ExternalReference"/> must be unset or equal.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The existing or new member.</returns>
    Task<Member> FindOrCreateMemberAsync(string externalReference, NewMember? newMember = null, CancellationToken cancellationToken = default);

    /// <summary>Finds a member by identifier.</summary>
    /// <param name="memberId">The member.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The member, or <see langword="null"/>.</returns>
    ValueTask<Member?> FindMemberAsync(MemberId memberId, CancellationToken cancellationToken = default);

    /// <summary>Gets a member by identifier, or throws <see cref="ErrorCode.MemberNotFound"/>.</summary>
    /// <param name="memberId">The member.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The member.</returns>
    ValueTask<Member> GetMemberAsync(MemberId memberId, CancellationToken cancellationToken = default);

    /// <summary>Finds a member by the host's external reference (one indexed read).</summary>
    /// <param name="externalReference">The external reference.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The member, or <see langword="null"/>.</returns>
    ValueTask<Member?> FindMemberByExternalReferenceAsync(string externalReference, CancellationToken cancellationToken = default);

    /// <summary>Finds a member by email address, compared case-insensitively.</summary>
    /// <param name="email">The email address.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The member, or <see langword="null"/>.</returns>
    ValueTask<Member?> FindMemberByEmailAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>Finds a member by a named external identifier written as <c>name:value</c> (for example <c>loyalty_barcode:1234-5678</c>).</summary>
    /// <param name="externalId">The key name and value, separated by the first ':'.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The member, or <see langword="null"/>.</returns>
    ValueTask<Member?> FindMemberByExternalIdAsync(string externalId, CancellationToken cancellationToken = default);

    /// <summary>Updates profile fields, external identifiers, metadata and custom attributes.</summary>
    /// <param name="memberId">The member.</param>
    /// <param name="update">The fields to change.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The updated member.</returns>
    Task<Member> UpdateMemberAsync(MemberId memberId, MemberUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Lists members in a stable order (ascending identifier) with cursor pagination and filters.</summary>
    /// <param name="query">The page request; <see langword="null"/> for the first 100 members.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One page.</returns>
    ValueTask<MemberPage> ListMembersAsync(MemberQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves a member to another status following <see cref="LifecycleTransitions"/>, recording actor, reason and time.
    /// Opting out (or forgetting a guest) anonymizes the member.
    /// </summary>
    /// <param name="memberId">The member.</param>
    /// <param name="change">The target status, reason and actor.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The member after the change (after an opt-out, the anonymized record with its new identifier).</returns>
    /// <exception cref="LoyaltyException"><see cref="ErrorCode.TransitionNotAllowed"/> for a move not in the table.</exception>
    Task<Member> ChangeStatusAsync(MemberId memberId, StatusChange change, CancellationToken cancellationToken = default);

    /// <summary>Computes a member's engagement stage now.</summary>
    /// <param name="memberId">The member.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The stage.</returns>
    ValueTask<EngagementStage> GetEngagementStageAsync(MemberId memberId, CancellationToken cancellationToken = default);

    /// <summary>Reads a page of a member's history (status changes, profile changes, ledger entries), oldest first.</summary>
    /// <param name="memberId">The member.</param>
    /// <param name="query">The page request; <see langword="null"/> for the first 100 entries.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One page.</returns>
    ValueTask<HistoryPage> GetHistoryAsync(MemberId memberId, HistoryQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Writes everything held about a member (profile, balances, lots, holds, full history) as one JSON document (GDPR export).</summary>
    /// <param name="memberId">The member.</param>
    /// <param name="destination">The stream to write UTF-8 JSON to.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>A task that completes when the document is written.</returns>
    Task ExportMemberDataAsync(MemberId memberId, Stream destination, CancellationToken cancellationToken = default);

    /// <summary>
    /// Awards points: an approved <see cref="LedgerEntryKind.Earn"/> that opens a lot, or a held
    /// <see cref="LedgerEntryKind.EarnPending"/> when <see cref="AwardPoints.Pending"/> is set or the member is not yet
    /// enrolled (Inactive or Pending: the points are claimed on enrollment). Idempotent by key.
    /// </summary>
    /// <param name="request">The award.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The entries written and the balance after the write.</returns>
    /// <exception cref="LoyaltyException">
    /// <see cref="ErrorCode.InvalidAmount"/> (0, negative or over the cap), <see cref="ErrorCode.UnknownAccount"/>,
    /// <see cref="ErrorCode.MemberNotFound"/>, <see cref="ErrorCode.StatusNotAllowed"/> (Banned, OptedOut),
    /// <see cref="ErrorCode.IdempotencyConflict"/>.
    /// </exception>
    Task<LedgerResult> AwardAsync(AwardPoints request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Awards many requests in few store transactions (bulk import, back-fills). Each request succeeds or fails on its
    /// own — a refused request writes nothing — and the outcome of each is reported in order.
    /// </summary>
    /// <param name="awards">The awards.</param>
    /// <param name="progress">Receives progress after each chunk.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>One outcome per request.</returns>
    Task<BatchResult> AwardBatchAsync(IReadOnlyList<AwardPoints> awards, IProgress<BatchProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Enrolls many members with their opening points (bulk import). Each row is validated and written on its own, all
    /// of it or nothing; a row whose member identifier already exists is left unchanged, so rerunning an import changes
    /// nothing.
    /// </summary>
    /// <param name="rows">The rows.</param>
    /// <param name="progress">Receives progress after each chunk.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>One outcome per row.</returns>
    Task<ImportResult> ImportMembersAsync(IReadOnlyList<MemberImport> rows, IProgress<BatchProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Spends points directly, consuming lots soonest-expiry first. Only Active members may spend.</summary>
    /// <param name="request">The spend.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The entries written and the balance after the write.</returns>
    /// <exception cref="LoyaltyException"><see cref="ErrorCode.InsufficientPoints"/> when the spendable points do not cover it.</exception>
    Task<LedgerResult> SpendAsync(SpendPoints request, CancellationToken cancellationToken = default);

    /// <summary>Reserves points at checkout; commit or release it later, or the maintenance job releases it after the timeout.</summary>
    /// <param name="request">The reservation.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The reservation entry (its id settles it) and the balance after the write.</returns>
    Task<LedgerResult> ReserveAsync(ReservePoints request, CancellationToken cancellationToken = default);

    /// <summary>Commits a reservation: its points become spent.</summary>
    /// <param name="request">The reservation to settle.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The commit entry and the balance after the write.</returns>
    /// <exception cref="LoyaltyException"><see cref="ErrorCode.EntryAlreadySettled"/> when it was committed or released before.</exception>
    Task<LedgerResult> CommitReservationAsync(SettleHold request, CancellationToken cancellationToken = default);

    /// <summary>Releases a reservation: its points become spendable again.</summary>
    /// <param name="request">The reservation to settle.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The release entry and the balance after the write.</returns>
    Task<LedgerResult> ReleaseReservationAsync(SettleHold request, CancellationToken cancellationToken = default);

    /// <summary>Approves a pending earn: its points become earned and open a lot.</summary>
    /// <param name="request">The pending earn to settle.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The approval entry and the balance after the write.</returns>
    Task<LedgerResult> ApprovePendingAsync(SettleHold request, CancellationToken cancellationToken = default);

    /// <summary>Voids a pending earn: its points are dropped.</summary>
    /// <param name="request">The pending earn to settle.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The void entry and the balance after the write.</returns>
    Task<LedgerResult> VoidPendingAsync(SettleHold request, CancellationToken cancellationToken = default);

    /// <summary>Deducts points (an operator's correction), consuming lots soonest-expiry first.</summary>
    /// <param name="request">The deduction.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The entry and the balance after the write.</returns>
    /// <exception cref="LoyaltyException"><see cref="ErrorCode.InsufficientPoints"/> unless the program allows debt.</exception>
    Task<LedgerResult> DeductAsync(DeductPoints request, CancellationToken cancellationToken = default);

    /// <summary>Reverses (refunds) points of an earn: lowers earned points, taking them from the earn's own lot first.</summary>
    /// <param name="request">The reversal.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The entry and the balance after the write.</returns>
    Task<LedgerResult> ReverseAsync(ReversePoints request, CancellationToken cancellationToken = default);

    /// <summary>Reads one account's balance. The hot read: it never takes a lock and, on the in-memory store, does not allocate.</summary>
    /// <param name="memberId">The member.</param>
    /// <param name="account">The account; the default is <c>points</c>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The balance.</returns>
    /// <exception cref="LoyaltyException"><see cref="ErrorCode.MemberNotFound"/>, <see cref="ErrorCode.UnknownAccount"/>.</exception>
    ValueTask<PointsBalance> GetBalanceAsync(MemberId memberId, AccountName account = default, CancellationToken cancellationToken = default);

    /// <summary>Reads the balance of every configured account.</summary>
    /// <param name="memberId">The member.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One balance per configured account, in account-name order.</returns>
    ValueTask<IReadOnlyList<AccountBalance>> GetBalancesAsync(MemberId memberId, CancellationToken cancellationToken = default);

    /// <summary>Reads a member's open lots, soonest expiry first per account.</summary>
    /// <param name="memberId">The member.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The open lots.</returns>
    ValueTask<IReadOnlyList<Lot>> GetOpenLotsAsync(MemberId memberId, CancellationToken cancellationToken = default);

    /// <summary>Reads a member's open holds: pending earns and reservations not yet settled.</summary>
    /// <param name="memberId">The member.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The open holds, oldest first.</returns>
    ValueTask<IReadOnlyList<LedgerEntry>> GetOpenHoldsAsync(MemberId memberId, CancellationToken cancellationToken = default);

    /// <summary>Computes the points expiring today, this and next month, this and next year, in the program's time zone, with past expirations.</summary>
    /// <param name="memberId">The member.</param>
    /// <param name="account">The account; the default is <c>points</c>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The view.</returns>
    ValueTask<ExpiringPoints> GetExpiringPointsAsync(MemberId memberId, AccountName account = default, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs every piece of work due at or before <paramref name="asOf"/>: releases timed-out reservations, approves
    /// pending earns past their pending period, expires lots past their expiry, reviews tiers. Idempotent (a second run
    /// changes nothing) and safe to run from several processes at once (each due item is processed once). Expired points
    /// are never spendable between runs: a write that consumes or extends lots first expires the member's lots that are
    /// past their expiry.
    /// </summary>
    /// <param name="asOf">The instant; usually now.</param>
    /// <param name="cancellationToken">Cancels the run between members.</param>
    /// <returns>What the run did.</returns>
    Task<MaintenanceReport> RunMaintenanceAsync(Instant asOf, CancellationToken cancellationToken = default);

    /// <summary>
    /// Expires the available points of every lot whose expiry is at or before <paramref name="asOf"/>, and nothing else
    /// (held points, reservations and tier reviews wait for <see cref="RunMaintenanceAsync"/>, which also expires).
    /// Idempotent (a second run changes nothing) and safe to run from several processes at once.
    /// </summary>
    /// <param name="asOf">The instant; usually now.</param>
    /// <param name="cancellationToken">Cancels the run between pages of members.</param>
    /// <returns>What the run did (only <see cref="MaintenanceReport.Members"/> and <see cref="MaintenanceReport.PointsExpired"/> can be non-zero).</returns>
    Task<MaintenanceReport> ExpireDueAsync(Instant asOf, CancellationToken cancellationToken = default);

    /// <summary>Gets the program's tier table (empty when the program has no tiers).</summary>
    TierTable TierTable { get; }

    /// <summary>Reads a member's tier: current tier, since, review date, next tier, points to next tier, points to keep the tier, benefits and tier history.</summary>
    /// <param name="memberId">The member.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The tier status.</returns>
    /// <exception cref="LoyaltyException"><see cref="ErrorCode.UnknownTier"/> when the program has no tiers; <see cref="ErrorCode.MemberNotFound"/>.</exception>
    ValueTask<TierStatus> GetTierAsync(MemberId memberId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pins a member to a tier: a floor that automatic downgrades respect (the member is raised to it at once if below).
    /// A <see langword="null"/> tier removes the pin.
    /// </summary>
    /// <param name="memberId">The member.</param>
    /// <param name="tier">The tier name, or <see langword="null"/> to unpin.</param>
    /// <param name="reason">Why, recorded in the history.</param>
    /// <param name="actor">Who, recorded in the history.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The member after the change.</returns>
    Task<Member> PinTierAsync(MemberId memberId, string? tier, string? reason = null, string? actor = null, CancellationToken cancellationToken = default);

    /// <summary>Builds the personalization snapshot of one member.</summary>
    /// <param name="memberId">The member.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The snapshot.</returns>
    ValueTask<LoyaltySnapshot> GetSnapshotAsync(MemberId memberId, CancellationToken cancellationToken = default);

    /// <summary>Streams the snapshot of every member of the program (opted-out profiles excluded), in identifier order, without loading them all.</summary>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The snapshots.</returns>
    IAsyncEnumerable<LoyaltySnapshot> StreamSnapshotsAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the snapshot feed as UTF-8 JSON lines with snake_case field names (<c>customer_id</c>, <c>member</c>, <c>tier</c>, …).</summary>
    /// <param name="destination">The stream to write to.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The number of lines written.</returns>
    Task<int> WriteSnapshotFeedAsync(Stream destination, CancellationToken cancellationToken = default);
}
