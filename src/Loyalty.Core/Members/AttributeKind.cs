namespace Loyalty.Members;

/// <summary>The declared type of a custom attribute.</summary>
public enum AttributeKind
{
    /// <summary>Text.</summary>
    Text = 1,

    /// <summary>A decimal number.</summary>
    Number = 2,

    /// <summary>True or false.</summary>
    Boolean = 3,

    /// <summary>A calendar date.</summary>
    Date = 4,

    /// <summary>One of a declared list of values.</summary>
    Enum = 5,
}
