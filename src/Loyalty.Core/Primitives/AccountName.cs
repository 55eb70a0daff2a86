using System.Diagnostics.CodeAnalysis;

namespace Loyalty;

/// <summary>
/// The name of a point account (for example <c>points</c> or <c>status_credits</c>): lower-case letters, digits and
/// '_', starting with a letter, 1 to 32 characters.
/// </summary>
public readonly struct AccountName : IEquatable<AccountName>
{
    /// <summary>The maximum length of an account name.</summary>
    public const int MaxLength = 32;

    private const string DefaultName = "points";

    private readonly string? _value;

    private AccountName(string value) => _value = value;

    /// <summary>Gets the default account, <c>points</c>. The default value of this struct also means <c>points</c>.</summary>
    public static AccountName Default => new(DefaultName);

    /// <summary>Gets the account name text.</summary>
    public string Value => _value ?? DefaultName;

    /// <summary>Gets a value indicating whether this is the default account (every instance of it holds the same text, so a reference test suffices).</summary>
    internal bool IsDefault => _value is null || ReferenceEquals(_value, DefaultName);

    /// <summary>Creates an account name, or throws <see cref="LoyaltyException"/> with <see cref="ErrorCode.ValidationFailed"/>.</summary>
    /// <param name="value">The account name.</param>
    /// <returns>The account name.</returns>
    public static AccountName Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var name)
            ? name
            : throw Errors.Validation("account", $"must be 1 to {MaxLength} lower-case letters, digits or '_', starting with a letter (was '{value}')");
    }

    /// <summary>Tries to create an account name.</summary>
    /// <param name="value">The account name.</param>
    /// <param name="name">The account name when valid.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out AccountName name)
    {
        if (IsValid(value))
        {
            name = new AccountName(string.Equals(value, DefaultName, StringComparison.Ordinal) ? DefaultName : value);
            return true;
        }

        name = default;
        return false;
    }

    /// <summary>Converts text to an account name, validating it.</summary>
    /// <param name="value">The account name.</param>
    public static implicit operator AccountName(string value) => Parse(value);

    /// <summary>Compares two names for equality.</summary>
    public static bool operator ==(AccountName left, AccountName right) => left.Equals(right);

    /// <summary>Compares two names for inequality.</summary>
    public static bool operator !=(AccountName left, AccountName right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(AccountName other) =>
        ReferenceEquals(Value, other.Value) || string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is AccountName other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;

    private static bool IsValid([NotNullWhen(true)] string? value)
    {
        if (value is null || value.Length is 0 or > MaxLength || !char.IsAsciiLetterLower(value[0]))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
