using NodaTime;

namespace Loyalty.Events;

/// <summary>
/// A domain event written to the store's outbox in the same transaction as the change that caused it, for at-least-once
/// delivery in order per member.
/// </summary>
public sealed record OutboxMessage
{
    /// <summary>Gets the unique event identifier, for de-duplication by consumers.</summary>
    public required Guid EventId { get; init; }

    /// <summary>Gets the event type (see <see cref="LoyaltyEventTypes"/>).</summary>
    public required string Type { get; init; }

    /// <summary>Gets the member the event is about.</summary>
    public required MemberId MemberId { get; init; }

    /// <summary>Gets when the change happened.</summary>
    public required Instant OccurredAt { get; init; }

    /// <summary>Gets the event body as a JSON object.</summary>
    public required string Payload { get; init; }

    /// <summary>Gets the position in the program's outbox, assigned by the store when written (0 before).</summary>
    public long Position { get; init; }
}
