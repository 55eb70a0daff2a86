namespace Loyalty.Storage;

/// <summary>The kinds of work the maintenance job finds due, each listed from its own rows.</summary>
public enum DueWorkKind
{
    /// <summary>An open hold (pending earn or reservation) whose <see cref="Ledger.LedgerEntry.DueAt"/> has passed.</summary>
    Holds = 1,

    /// <summary>An open lot with available points whose <see cref="Ledger.Lot.ExpiresAt"/> has passed.</summary>
    ExpiringLots = 2,

    /// <summary>A member whose <see cref="Members.Member.TierReviewAt"/> has passed.</summary>
    TierReviews = 3,
}
