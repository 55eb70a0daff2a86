using Loyalty.History;
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
}
