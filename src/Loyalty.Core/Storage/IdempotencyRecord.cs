using NodaTime;

namespace Loyalty.Storage;

/// <summary>What a store remembers about an idempotent write: who it was for, what was asked, and what was answered.</summary>
public sealed record IdempotencyRecord
{
    /// <summary>Gets the caller's key (unique per program).</summary>
    public required IdempotencyKey Key { get; init; }

    /// <summary>Gets the member the write was for.</summary>
    public required MemberId MemberId { get; init; }

    /// <summary>Gets a hash of the request (operation and payload), to detect a key reused for another request.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>Gets the original result, serialized by the engine.</summary>
    public required string Result { get; init; }

    /// <summary>Gets when the write happened.</summary>
    public required Instant CreatedAt { get; init; }
}
