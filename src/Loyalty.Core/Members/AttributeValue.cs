using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Loyalty.Members;

/// <summary>
/// The value of a custom attribute: text, a number, a boolean or a date. Converts implicitly from
/// <see cref="string"/>, <see cref="decimal"/>, <see cref="bool"/> and <see cref="LocalDate"/>; enum attributes
/// take text.
/// </summary>
public readonly struct AttributeValue : IEquatable<AttributeValue>
{
    private readonly string? _text;
    private readonly decimal _number;
    private readonly LocalDate _date;

    private AttributeValue(AttributeKind kind, string? text, decimal number, LocalDate date)
    {
        Kind = kind;
        _text = text;
        _number = number;
        _date = date;
    }

    /// <summary>Gets the kind of value held: <see cref="AttributeKind.Text"/> for text (also used for enum values).</summary>
    public AttributeKind Kind { get; }

    /// <summary>Gets the text, or throws when the value is not text.</summary>
    public string AsString => Kind == AttributeKind.Text ? _text! : throw WrongKind(AttributeKind.Text);

    /// <summary>Gets the number, or throws when the value is not a number.</summary>
    public decimal AsNumber => Kind == AttributeKind.Number ? _number : throw WrongKind(AttributeKind.Number);

    /// <summary>Gets the boolean, or throws when the value is not a boolean.</summary>
    public bool AsBoolean => Kind == AttributeKind.Boolean ? _number != 0 : throw WrongKind(AttributeKind.Boolean);

    /// <summary>Gets the date, or throws when the value is not a date.</summary>
    public LocalDate AsDate => Kind == AttributeKind.Date ? _date : throw WrongKind(AttributeKind.Date);

    /// <summary>Creates a text value.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The value.</returns>
    public static AttributeValue FromString(string value) => new(AttributeKind.Text, value ?? throw new ArgumentNullException(nameof(value)), 0, default);

    /// <summary>Creates a number value.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The value.</returns>
    public static AttributeValue FromDecimal(decimal value) => new(AttributeKind.Number, null, value, default);

    /// <summary>Creates a boolean value.</summary>
    /// <param name="value">The boolean.</param>
    /// <returns>The value.</returns>
    public static AttributeValue FromBoolean(bool value) => new(AttributeKind.Boolean, null, value ? 1 : 0, default);

    /// <summary>Creates a date value.</summary>
    /// <param name="value">The date.</param>
    /// <returns>The value.</returns>
    public static AttributeValue FromLocalDate(LocalDate value) => new(AttributeKind.Date, null, 0, value);

    /// <summary>Converts text to a value.</summary>
    /// <param name="value">The text.</param>
    public static implicit operator AttributeValue(string value) => FromString(value);

    /// <summary>Converts a number to a value.</summary>
    /// <param name="value">The number.</param>
    public static implicit operator AttributeValue(decimal value) => FromDecimal(value);

    /// <summary>Converts a boolean to a value.</summary>
    /// <param name="value">The boolean.</param>
    public static implicit operator AttributeValue(bool value) => FromBoolean(value);

    /// <summary>Converts a date to a value.</summary>
    /// <param name="value">The date.</param>
    public static implicit operator AttributeValue(LocalDate value) => FromLocalDate(value);

    /// <summary>Compares two values for equality.</summary>
    public static bool operator ==(AttributeValue left, AttributeValue right) => left.Equals(right);

    /// <summary>Compares two values for inequality.</summary>
    public static bool operator !=(AttributeValue left, AttributeValue right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(AttributeValue other) =>
        Kind == other.Kind && string.Equals(_text, other._text, StringComparison.Ordinal) && _number == other._number && _date == other._date;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is AttributeValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, _text, _number, _date);

    /// <summary>Formats the value invariantly: text as is, numbers with '.', booleans as true/false, dates as yyyy-MM-dd.</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => Kind switch
    {
        AttributeKind.Number => _number.ToString(CultureInfo.InvariantCulture),
        AttributeKind.Boolean => _number != 0 ? "true" : "false",
        AttributeKind.Date => LocalDatePattern.Iso.Format(_date),
        _ => _text ?? string.Empty,
    };

    private InvalidOperationException WrongKind(AttributeKind wanted) =>
        new($"The attribute value is {Kind}, not {wanted}.");
}
