namespace Loyalty;

/// <summary>
/// Stable codes for every failure that <see cref="LoyaltyException"/> reports. Hosts map them to protocol
/// errors (for example 404 for <see cref="MemberNotFound"/>, 409 for conflicts, 422 for validation).
/// </summary>
/// <remarks>The numeric values and names are part of the public contract and never change meaning.</remarks>
public enum ErrorCode
{
    /// <summary>No member with the given identifier exists in the program.</summary>
    MemberNotFound = 1,

    /// <summary>A member with the given identifier already exists in the program.</summary>
    MemberAlreadyExists = 2,

    /// <summary>An input failed validation; the message names the field and the rule.</summary>
    ValidationFailed = 3,

    /// <summary>Another member of the program already uses this email address.</summary>
    DuplicateEmail = 4,

    /// <summary>Another member of the program already uses this external reference.</summary>
    DuplicateExternalReference = 5,

    /// <summary>Another member of the program already uses this named external identifier.</summary>
    DuplicateExternalId = 6,

    /// <summary>The lifecycle transition is not in the transition table.</summary>
    TransitionNotAllowed = 7,

    /// <summary>A write tried to set a read-only attribute (points, tier, status, computed segments).</summary>
    ReadOnlyAttribute = 8,

    /// <summary>An attribute is not declared for the program.</summary>
    UnknownAttribute = 9,

    /// <summary>A value looks like data that must never be stored in a loyalty profile (card number, SSN, secret).</summary>
    SensitiveData = 10,

    /// <summary>A points amount is zero, negative or above the program's cap.</summary>
    InvalidAmount = 11,

    /// <summary>The member's spendable points do not cover the operation.</summary>
    InsufficientPoints = 12,

    /// <summary>The same idempotency key was used before with a different request.</summary>
    IdempotencyConflict = 13,

    /// <summary>The member's status does not allow the operation (for example a suspended member spending).</summary>
    StatusNotAllowed = 14,

    /// <summary>The points account is not configured for the program.</summary>
    UnknownAccount = 15,

    /// <summary>No ledger entry with the given identifier exists for the member.</summary>
    EntryNotFound = 16,

    /// <summary>The ledger entry was already settled (approved, voided, committed or released) or cannot be settled this way.</summary>
    EntryAlreadySettled = 17,

    /// <summary>Concurrent writers kept conflicting and the bounded retries were exhausted.</summary>
    ConcurrencyConflict = 18,

    /// <summary>The store could not be reached or used (connection, permissions, file system).</summary>
    StoreUnavailable = 19,

    /// <summary>The store's schema is not a Loyalty schema, or is newer than this version understands.</summary>
    StoreSchemaMismatch = 20,

    /// <summary>The tier is not in the program's tier table.</summary>
    UnknownTier = 21,

    /// <summary>The cursor given to a paginated query is malformed or belongs to another query.</summary>
    InvalidCursor = 22,
}
