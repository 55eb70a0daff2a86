using System.Diagnostics.CodeAnalysis;

namespace Loyalty;

/// <summary>
/// The caller's key for one logical write (for example <c>order-1001:earn</c>): printable ASCII without spaces, 1 to
/// 200 characters, unique per program. A retry with the same key returns the original result.
/// </summary>
public readonly struct IdempotencyKey : IEquatable<IdempotencyKey>
{
    /// <summary>The maximum length of a key.</summary>
    public const int MaxLength = 200;

    private readonly string? _value;

    private IdempotencyKey(string value) => _value = value;

    /// <summary>Gets the key text.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Gets a value indicating whether this is the default (empty) instance.</summary>
    public bool IsEmpty => _value is null;

    /// <summary>Creates a key, or throws <see cref="LoyaltyException"/> with <see cref="ErrorCode.ValidationFailed"/>.</summary>
    /// <param name="value">The key text.</param>
    /// <returns>The key.</returns>
    public static IdempotencyKey Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var key)
            ? key
            : throw Errors.Validation("idempotencyKey", $"must be 1 to {MaxLength} printable ASCII characters without spaces");
    }

    /// <summary>Tries to create a key.</summary>
    /// <param name="value">The key text.</param>
    /// <param name="key">The key when valid.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out IdempotencyKey key)
    {
        key = default;
        if (value is null || value.Length is 0 or > MaxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is <= ' ' or > '~')
            {
                return false;
            }
        }

        key = new IdempotencyKey(value);
        return true;
    }

    /// <summary>Converts text to a key, validating it.</summary>
    /// <param name="value">The key text.</param>
    public static implicit operator IdempotencyKey(string value) => Parse(value);

    /// <summary>Compares two keys for equality (ordinal).</summary>
    public static bool operator ==(IdempotencyKey left, IdempotencyKey right) => left.Equals(right);

    /// <summary>Compares two keys for inequality (ordinal).</summary>
    public static bool operator !=(IdempotencyKey left, IdempotencyKey right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(IdempotencyKey other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is IdempotencyKey other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
