using Loyalty.Members;

namespace Loyalty.Storage;

/// <summary>A member locked for writing inside a store transaction, with the idempotency record of the write's key.</summary>
/// <param name="Member">The member, or <see langword="null"/> when no member has this identifier yet.</param>
/// <param name="LastSequence">The last history sequence number used for the member (0 when none).</param>
/// <param name="Idempotency">The record stored earlier under the write's idempotency key, if any.</param>
public sealed record LockedMember(Member? Member, long LastSequence, IdempotencyRecord? Idempotency);
