using System.Diagnostics.CodeAnalysis;

namespace Loyalty;

/// <summary>
/// A loyalty program (tenant) identifier: letters, digits, '-' and '_', 1 to 64 characters, case-sensitive. Every
/// record a store holds is scoped by it.
/// </summary>
public readonly struct ProgramId : IEquatable<ProgramId>
{
    private readonly string? _value;

    private ProgramId(string value) => _value = value;

    /// <summary>Gets the identifier text.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Creates an identifier from text, or throws <see cref="LoyaltyException"/> with <see cref="ErrorCode.ValidationFailed"/>.</summary>
    /// <param name="value">The identifier text.</param>
    /// <returns>The identifier.</returns>
    public static ProgramId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var id) ? id : throw Errors.Validation("programId", IdentifierRules.Describe(value));
    }

    /// <summary>Tries to create an identifier from text.</summary>
    /// <param name="value">The identifier text.</param>
    /// <param name="id">The identifier when the text is valid.</param>
    /// <returns><see langword="true"/> when the text is a valid identifier.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out ProgramId id)
    {
        if (value is not null && IdentifierRules.IsValid(value))
        {
            id = new ProgramId(value);
            return true;
        }

        id = default;
        return false;
    }

    /// <summary>Compares two identifiers for equality (ordinal).</summary>
    public static bool operator ==(ProgramId left, ProgramId right) => left.Equals(right);

    /// <summary>Compares two identifiers for inequality (ordinal).</summary>
    public static bool operator !=(ProgramId left, ProgramId right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(ProgramId other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ProgramId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
