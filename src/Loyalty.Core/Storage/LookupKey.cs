namespace Loyalty.Storage;

/// <summary>A unique lookup value of a program (an email, an external reference, a named external id).</summary>
/// <param name="Kind">The kind of lookup.</param>
/// <param name="Value">The value, already normalized by the engine.</param>
public readonly record struct LookupKey(LookupKind Kind, string Value)
{
    /// <summary>The error a store reports when another member already holds this lookup value.</summary>
    /// <returns>The exception to throw.</returns>
    public LoyaltyException DuplicateError() => Kind switch
    {
        LookupKind.Email => new LoyaltyException(ErrorCode.DuplicateEmail, "Another member already uses this email address.", "email"),
        LookupKind.ExternalReference => new LoyaltyException(ErrorCode.DuplicateExternalReference, "Another member already uses this external reference.", "externalReference"),
        _ => new LoyaltyException(ErrorCode.DuplicateExternalId, $"Another member already uses the external id '{Value}'.", "externalIds"),
    };
}
