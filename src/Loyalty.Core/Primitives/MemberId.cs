using System.Diagnostics.CodeAnalysis;

namespace Loyalty;

/// <summary>
/// A member's identifier within a program: letters, digits, '-' and '_', 1 to 64 characters, case-sensitive and
/// immutable. A UUID is generated when the host gives none.
/// </summary>
public readonly struct MemberId : IEquatable<MemberId>, IComparable<MemberId>
{
    private readonly string? _value;
    private readonly int _hash;

    private MemberId(string value)
    {
        _value = value;
        _hash = StringComparer.Ordinal.GetHashCode(value);
    }

    /// <summary>Gets the identifier text.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Gets a value indicating whether this is the default (empty) instance.</summary>
    public bool IsEmpty => _value is null;

    /// <summary>Creates an identifier from text, or throws <see cref="LoyaltyException"/> with <see cref="ErrorCode.ValidationFailed"/>.</summary>
    /// <param name="value">The identifier text.</param>
    /// <returns>The identifier.</returns>
    public static MemberId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var id) ? id : throw Errors.Validation("memberId", IdentifierRules.Describe(value));
    }

    /// <summary>Tries to create an identifier from text.</summary>
    /// <param name="value">The identifier text.</param>
    /// <param name="id">The identifier when the text is valid.</param>
    /// <returns><see langword="true"/> when the text is a valid identifier.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out MemberId id)
    {
        if (value is not null && IdentifierRules.IsValid(value))
        {
            id = new MemberId(value);
            return true;
        }

        id = default;
        return false;
    }

    /// <summary>Creates a new random identifier (a UUID in its 32-digit form).</summary>
    /// <returns>A new identifier.</returns>
    public static MemberId New() => new(Guid.NewGuid().ToString("N"));

    /// <summary>Converts text to an identifier, validating it.</summary>
    /// <param name="value">The identifier text.</param>
    public static implicit operator MemberId(string value) => Parse(value);

    /// <summary>Compares two identifiers for equality (ordinal).</summary>
    public static bool operator ==(MemberId left, MemberId right) => left.Equals(right);

    /// <summary>Compares two identifiers for inequality (ordinal).</summary>
    public static bool operator !=(MemberId left, MemberId right) => !left.Equals(right);

    /// <summary>Orders identifiers ordinally.</summary>
    public static bool operator <(MemberId left, MemberId right) => left.CompareTo(right) < 0;

    /// <summary>Orders identifiers ordinally.</summary>
    public static bool operator >(MemberId left, MemberId right) => left.CompareTo(right) > 0;

    /// <summary>Orders identifiers ordinally.</summary>
    public static bool operator <=(MemberId left, MemberId right) => left.CompareTo(right) <= 0;

    /// <summary>Orders identifiers ordinally.</summary>
    public static bool operator >=(MemberId left, MemberId right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public bool Equals(MemberId other) => _hash == other._hash && string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MemberId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    /// <inheritdoc />
    public int CompareTo(MemberId other) => string.CompareOrdinal(_value, other._value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
