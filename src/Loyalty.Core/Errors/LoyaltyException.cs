namespace Loyalty;

/// <summary>
/// The one exception type that Loyalty.Core throws for domain and store failures. Inspect <see cref="Code"/>
/// rather than the message: codes are stable, messages are for people.
/// </summary>
public class LoyaltyException : Exception
{
    /// <summary>Creates an exception with a code and a message.</summary>
    /// <param name="code">The stable error code.</param>
    /// <param name="message">A message that names the field and the rule that failed.</param>
    public LoyaltyException(ErrorCode code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>Creates an exception with a code, a message, the offending field and an inner cause.</summary>
    /// <param name="code">The stable error code.</param>
    /// <param name="message">A message that names the field and the rule that failed.</param>
    /// <param name="field">The input field at fault, if any.</param>
    /// <param name="innerException">The underlying cause, if any (for example a provider exception).</param>
    public LoyaltyException(ErrorCode code, string message, string? field, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        Field = field;
    }

    /// <summary>Gets the stable error code.</summary>
    public ErrorCode Code { get; }

    /// <summary>Gets the name of the input field at fault, when the error is about one field.</summary>
    public string? Field { get; }

    /// <summary>
    /// Gets a value indicating whether retrying the same operation may succeed (for example a lock timeout or a
    /// serialization failure in the store). The engine retries transient failures itself, within a bound.
    /// </summary>
    public bool IsTransient { get; init; }
}
