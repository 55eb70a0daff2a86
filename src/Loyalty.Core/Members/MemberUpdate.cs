using System.Text.Json;
using NodaTime;

namespace Loyalty.Members;

/// <summary>
/// A partial profile update. Only properties that are assigned change; assigning <see langword="null"/> clears a field.
/// In <see cref="ExternalIds"/> and <see cref="Attributes"/>, a <see langword="null"/> value removes the entry.
/// </summary>
public sealed class MemberUpdate
{
    private readonly HashSet<string> _assigned = new(StringComparer.Ordinal);
    private string? _email;
    private string? _externalReference;
    private string? _firstName;
    private string? _lastName;
    private string? _phone;
    private LocalDate? _birthday;
    private string? _language;
    private JsonElement? _metadata;

    /// <summary>Gets or sets the email address.</summary>
    public string? Email { get => _email; set => Assign(ref _email, value, nameof(Email)); }

    /// <summary>Gets or sets the external reference.</summary>
    public string? ExternalReference { get => _externalReference; set => Assign(ref _externalReference, value, nameof(ExternalReference)); }

    /// <summary>Gets or sets the first name.</summary>
    public string? FirstName { get => _firstName; set => Assign(ref _firstName, value, nameof(FirstName)); }

    /// <summary>Gets or sets the last name.</summary>
    public string? LastName { get => _lastName; set => Assign(ref _lastName, value, nameof(LastName)); }

    /// <summary>Gets or sets the phone number.</summary>
    public string? Phone { get => _phone; set => Assign(ref _phone, value, nameof(Phone)); }

    /// <summary>Gets or sets the birthday.</summary>
    public LocalDate? Birthday { get => _birthday; set => Assign(ref _birthday, value, nameof(Birthday)); }

    /// <summary>Gets or sets the preferred language.</summary>
    public string? Language { get => _language; set => Assign(ref _language, value, nameof(Language)); }

    /// <summary>Gets or sets the metadata; replaces the whole object. <see langword="null"/> clears it to <c>{}</c>.</summary>
    public JsonElement? Metadata { get => _metadata; set => Assign(ref _metadata, value, nameof(Metadata)); }

    /// <summary>Gets named external identifiers to set; a <see langword="null"/> value removes the key.</summary>
    public IDictionary<string, string?> ExternalIds { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>Gets custom attributes to set; a <see langword="null"/> value removes the attribute.</summary>
    public IDictionary<string, AttributeValue?> Attributes { get; } = new Dictionary<string, AttributeValue?>(StringComparer.Ordinal);

    /// <summary>Gets or sets who made the change, for the history (defaults to <c>system</c>).</summary>
    public string? Actor { get; set; }

    /// <summary>Gets a value indicating whether the update changes nothing.</summary>
    public bool IsEmpty => _assigned.Count == 0 && ExternalIds.Count == 0 && Attributes.Count == 0;

    /// <summary>Tells whether a property was assigned.</summary>
    /// <param name="propertyName">The property name, for example <c>nameof(MemberUpdate.Email)</c>.</param>
    /// <returns><see langword="true"/> when assigned.</returns>
    public bool IsAssigned(string propertyName) => _assigned.Contains(propertyName);

    private void Assign<T>(ref T field, T value, string name)
    {
        field = value;
        _assigned.Add(name);
    }
}
