namespace Loyalty.StoreContract;

/// <summary>How the transaction contract tests make a change set fail.</summary>
public enum ChangeSetRefusal
{
    /// <summary>A new member whose id is taken: refused before anything is written.</summary>
    MemberIdTaken,

    /// <summary>An idempotency key already used: refused after the change set's first rows are written.</summary>
    IdempotencyKeyUsed,
}
