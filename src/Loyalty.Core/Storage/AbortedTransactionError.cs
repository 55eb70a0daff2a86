namespace Loyalty.Storage;

/// <summary>
/// The error a store transaction throws from every call once an earlier failure aborted it (see
/// <see cref="StoreTransactionMode.AllOrNothing"/>): the failure's code and transience, so that the caller decides as it
/// would have on the failure itself.
/// </summary>
public static class AbortedTransactionError
{
    /// <summary>Creates the error for a transaction that <paramref name="cause"/> aborted.</summary>
    /// <param name="cause">The failure; a cause that is not a <see cref="LoyaltyException"/> counts as <see cref="ErrorCode.StoreUnavailable"/>.</param>
    /// <returns>The error, with <paramref name="cause"/> as its inner exception.</returns>
    public static LoyaltyException For(Exception cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        return new LoyaltyException(
            cause is LoyaltyException loyalty ? loyalty.Code : ErrorCode.StoreUnavailable,
            $"The transaction was rolled back, not committed: an earlier failure aborted it ({cause.Message}).",
            null,
            cause)
        {
            IsTransient = cause is LoyaltyException { IsTransient: true },
        };
    }
}
