namespace Loyalty.Members;

/// <summary>A custom attribute declared for a program; profile writes are validated against it.</summary>
public sealed class AttributeDefinition
{
    /// <summary>Creates a declaration.</summary>
    /// <param name="name">The attribute name: lower-case letters, digits and '_', starting with a letter, at most 64 characters.</param>
    /// <param name="kind">The value type.</param>
    /// <param name="allowedValues">For <see cref="AttributeKind.Enum"/>, the allowed values (compared ordinally).</param>
    public AttributeDefinition(string name, AttributeKind kind, params string[] allowedValues)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(allowedValues);
        Name = name;
        Kind = kind;
        AllowedValues = allowedValues.ToArray();
    }

    /// <summary>Gets the attribute name.</summary>
    public string Name { get; }

    /// <summary>Gets the value type.</summary>
    public AttributeKind Kind { get; }

    /// <summary>Gets the allowed values of an enum attribute (empty for other kinds).</summary>
    public IReadOnlyList<string> AllowedValues { get; }
}
