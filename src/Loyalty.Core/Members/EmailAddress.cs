namespace Loyalty.Members;

/// <summary>Email rules: a pragmatic syntax check and the case-insensitive normal form used for uniqueness.</summary>
public static class EmailAddress
{
    /// <summary>The longest address accepted (RFC 5321).</summary>
    public const int MaxLength = 254;

    /// <summary>Returns the form used to compare addresses: trimmed and lower-cased (invariant culture).</summary>
    /// <param name="email">The address as given.</param>
    /// <returns>The normal form.</returns>
    public static string Normalize(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToLowerInvariant();
    }

    /// <summary>Checks the syntax: one '@', a non-empty local part, a domain with a dot, no spaces or controls.</summary>
    /// <param name="email">The address.</param>
    /// <returns><see langword="true"/> when the address is acceptable.</returns>
    public static bool IsValid(string? email)
    {
        if (string.IsNullOrEmpty(email) || email.Length > MaxLength)
        {
            return false;
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != email.LastIndexOf('@') || at > 64)
        {
            return false;
        }

        var domain = email.AsSpan(at + 1);
        var dot = domain.LastIndexOf('.');
        if (domain.Length < 3 || dot <= 0 || dot == domain.Length - 1 || domain.StartsWith(".") || domain.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in email)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '(' or ')' or ',' or ';' or ':' or '\\' or '"' or '[' or ']')
            {
                return false;
            }
        }

        return true;
    }
}
