namespace Loyalty;

/// <summary>Character rules shared by program and member identifiers.</summary>
internal static class IdentifierRules
{
    public const int MaxLength = 64;

    /// <summary>Letters, digits, '-' and '_', 1 to 64 characters (ASCII only, case-sensitive).</summary>
    public static bool IsValid(ReadOnlySpan<char> value)
    {
        if (value.Length is 0 or > MaxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!IsAllowed(c))
            {
                return false;
            }
        }

        return true;
    }

    public static string Describe(string value) =>
        value.Length == 0 ? "must not be empty"
        : value.Length > MaxLength ? $"must be at most {MaxLength} characters (was {value.Length})"
        : "may contain only letters, digits, '-' and '_'";

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
