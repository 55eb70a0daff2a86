using System.Text.Json;
using Loyalty.Members;
using NodaTime;

namespace Loyalty.Engine;

/// <summary>A <see cref="MemberUpdate"/> whose values passed validation, ready to apply to a member.</summary>
internal sealed class ValidatedUpdate(MemberUpdate update)
{
    public string? Email { get; set; }

    public string? ExternalReference { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Phone { get; set; }

    public LocalDate? Birthday { get; set; }

    public string? Language { get; set; }

    public JsonElement Metadata { get; set; }

    public Member ApplyTo(Member member)
    {
        var externalIds = new Dictionary<string, string>(member.ExternalIds, StringComparer.Ordinal);
        foreach (var (key, value) in update.ExternalIds)
        {
            if (value is null)
            {
                externalIds.Remove(key);
            }
            else
            {
                externalIds[key] = value;
            }
        }

        var attributes = new Dictionary<string, AttributeValue>(member.Attributes, StringComparer.Ordinal);
        foreach (var (name, value) in update.Attributes)
        {
            if (value is { } attribute)
            {
                attributes[name] = attribute;
            }
            else
            {
                attributes.Remove(name);
            }
        }

        return member with
        {
            Email = Pick(nameof(MemberUpdate.Email), Email, member.Email),
            ExternalReference = Pick(nameof(MemberUpdate.ExternalReference), ExternalReference, member.ExternalReference),
            FirstName = Pick(nameof(MemberUpdate.FirstName), FirstName, member.FirstName),
            LastName = Pick(nameof(MemberUpdate.LastName), LastName, member.LastName),
            Phone = Pick(nameof(MemberUpdate.Phone), Phone, member.Phone),
            Birthday = Pick(nameof(MemberUpdate.Birthday), Birthday, member.Birthday),
            Language = Pick(nameof(MemberUpdate.Language), Language, member.Language),
            Metadata = Pick(nameof(MemberUpdate.Metadata), Metadata, member.Metadata),
            ExternalIds = externalIds,
            Attributes = attributes,
        };
    }

    /// <summary>Lists the names of the fields that differ (values are never recorded in history).</summary>
    public static IReadOnlyList<string> ChangedFields(Member before, Member after)
    {
        var changed = new List<string>();
        Check(string.Equals(before.Email, after.Email, StringComparison.Ordinal), "email");
        Check(string.Equals(before.ExternalReference, after.ExternalReference, StringComparison.Ordinal), "externalReference");
        Check(string.Equals(before.FirstName, after.FirstName, StringComparison.Ordinal), "firstName");
        Check(string.Equals(before.LastName, after.LastName, StringComparison.Ordinal), "lastName");
        Check(string.Equals(before.Phone, after.Phone, StringComparison.Ordinal), "phone");
        Check(before.Birthday == after.Birthday, "birthday");
        Check(string.Equals(before.Language, after.Language, StringComparison.Ordinal), "language");
        Check(string.Equals(before.Metadata.GetRawText(), after.Metadata.GetRawText(), StringComparison.Ordinal), "metadata");
        foreach (var key in before.ExternalIds.Keys.Union(after.ExternalIds.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            Check(before.ExternalIds.TryGetValue(key, out var a) && after.ExternalIds.TryGetValue(key, out var b) && string.Equals(a, b, StringComparison.Ordinal), $"externalIds.{key}");
        }

        foreach (var name in before.Attributes.Keys.Union(after.Attributes.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            Check(before.Attributes.TryGetValue(name, out var a) && after.Attributes.TryGetValue(name, out var b) && a == b, $"attributes.{name}");
        }

        return changed;

        void Check(bool same, string field)
        {
            if (!same)
            {
                changed.Add(field);
            }
        }
    }

    private T Pick<T>(string property, T value, T current) => update.IsAssigned(property) ? value : current;
}
