namespace Loyalty;

/// <summary>
/// The identifier of a ledger entry (a UUID), unique across programs and stores. The entries the engine writes get
/// time-ordered (RFC 9562 version 7) UUIDs of the engine clock's time, so that they sort in the order they were written.
/// </summary>
public readonly struct EntryId : IEquatable<EntryId>
{
    /// <summary>Creates an identifier from a UUID.</summary>
    /// <param name="value">The UUID.</param>
    public EntryId(Guid value) => Value = value;

    /// <summary>Gets the UUID.</summary>
    public Guid Value { get; }

    /// <summary>Creates a new random identifier.</summary>
    /// <returns>A new identifier.</returns>
    public static EntryId New() => new(RandomGuid.New());

    /// <summary>Parses the text form of an identifier.</summary>
    /// <param name="value">A UUID in any standard format.</param>
    /// <returns>The identifier.</returns>
    public static EntryId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Guid.TryParse(value, out var guid)
            ? new EntryId(guid)
            : throw Errors.Validation("entryId", "must be a UUID");
    }

    /// <summary>Compares two identifiers for equality.</summary>
    public static bool operator ==(EntryId left, EntryId right) => left.Equals(right);

    /// <summary>Compares two identifiers for inequality.</summary>
    public static bool operator !=(EntryId left, EntryId right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(EntryId other) => Value.Equals(other.Value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EntryId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}
