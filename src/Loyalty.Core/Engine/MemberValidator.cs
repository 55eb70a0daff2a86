using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Loyalty.Members;
using NodaTime;

namespace Loyalty.Engine;

/// <summary>Validates member input against the program's rules; every failure names the field and the rule.</summary>
internal sealed partial class MemberValidator(ProgramSettings settings)
{
    public const int MaxNameLength = 100;
    public const int MaxReferenceLength = 128;
    public const int MaxAttributeTextLength = 256;
    public const int MaxActorLength = 100;
    public const int MaxReasonLength = 500;

    private static readonly LocalDate EarliestBirthday = new(1900, 1, 1);

    public static string? Name(string field, string? value) => Text(field, value, MaxNameLength);

    public static string? Text(string field, string? value, int maxLength)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length == 0 || string.IsNullOrWhiteSpace(value))
        {
            throw Errors.Validation(field, "must not be empty or blank (use null to leave it unset)");
        }

        if (value.Length > maxLength)
        {
            throw Errors.Validation(field, $"must be at most {maxLength} characters (was {value.Length})");
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                throw Errors.Validation(field, "must not contain control characters");
            }
        }

        return value;
    }

    public static string? Email(string? value)
    {
        if (value is null)
        {
            return null;
        }

        return EmailAddress.IsValid(value) ? value : throw Errors.Validation("email", $"is not a valid email address ('{value}')");
    }

    public static string? ExternalReference(string? value)
    {
        Text("externalReference", value, MaxReferenceLength);
        if (value is not null && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])))
        {
            throw Errors.Validation("externalReference", "must not start or end with white space");
        }

        return value;
    }

    public static string? Phone(string? value)
    {
        if (value is null)
        {
            return null;
        }

        return PhonePattern().IsMatch(value)
            ? value
            : throw Errors.Validation("phone", "must be a phone number: an optional '+', then 3 to 32 digits, spaces or '()-.'");
    }

    public static string? Language(string? value)
    {
        if (value is null)
        {
            return null;
        }

        return value.Length <= 35 && LanguagePattern().IsMatch(value)
            ? value
            : throw Errors.Validation("language", $"must be a BCP 47 language tag such as 'en' or 'en-GB' (was '{value}')");
    }

    public static string Actor(string? value) => Text("actor", value, MaxActorLength) ?? "system";

    public static string? Reason(string? value) => Text("reason", value, MaxReasonLength);

    public LocalDate? Birthday(LocalDate? value, Instant now)
    {
        if (value is not { } date)
        {
            return null;
        }

        var today = now.InZone(settings.Zone).Date;
        if (date < EarliestBirthday || date > today)
        {
            throw Errors.Validation("birthday", $"must be between {EarliestBirthday:yyyy-MM-dd} and today ({today:yyyy-MM-dd}) (was {date:yyyy-MM-dd})");
        }

        return date;
    }

    public JsonElement Metadata(JsonElement? value)
    {
        if (value is not { } element)
        {
            return Member.EmptyObject;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Errors.Validation("metadata", $"must be a JSON object (was {DescribeKind(element.ValueKind)})");
        }

        var compact = JsonSerializer.Serialize(element);
        var size = Encoding.UTF8.GetByteCount(compact);
        if (size > settings.MetadataMaxBytes)
        {
            throw Errors.Validation("metadata", $"must be at most {settings.MetadataMaxBytes} bytes of UTF-8 JSON (was {size})");
        }

        SensitiveDataScanner.ThrowIfSensitive(element, "metadata");
        using var document = JsonDocument.Parse(compact);
        return document.RootElement.Clone();
    }

    public (string Key, string Value) ExternalId(string key, string? value)
    {
        var field = $"externalIds.{key}";
        if (!settings.ExternalIdKeys.Contains(key))
        {
            throw Errors.Validation(field, $"is not a declared external id name (declared: {string.Join(", ", settings.ExternalIdKeys.Order(StringComparer.Ordinal))})");
        }

        if (value is null || value.Length is 0 or > MaxReferenceLength || value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            throw Errors.Validation(field, $"must be 1 to {MaxReferenceLength} characters without spaces or control characters");
        }

        return (key, value);
    }

    public AttributeValue Attribute(string name, AttributeValue value)
    {
        var field = $"attributes.{name}";
        if (ReadOnlyAttributes.Contains(name))
        {
            throw new LoyaltyException(ErrorCode.ReadOnlyAttribute, $"'{field}' is read-only: the engine computes it and it cannot be written.", field);
        }

        if (!settings.Attributes.TryGetValue(name, out var definition))
        {
            throw new LoyaltyException(ErrorCode.UnknownAttribute, $"'{field}' is not a declared attribute of program '{settings.ProgramId}'.", field);
        }

        var expected = definition.Kind == AttributeKind.Enum ? AttributeKind.Text : definition.Kind;
        if (value.Kind != expected)
        {
            throw Errors.Validation(field, $"must be a {definition.Kind.ToString().ToLowerInvariant()} value (was {value.Kind.ToString().ToLowerInvariant()})");
        }

        if (definition.Kind == AttributeKind.Enum && !definition.AllowedValues.Contains(value.AsString, StringComparer.Ordinal))
        {
            throw Errors.Validation(field, $"must be one of {string.Join(", ", definition.AllowedValues)} (was '{value.AsString}')");
        }

        if (value.Kind == AttributeKind.Text)
        {
            Text(field, value.AsString, MaxAttributeTextLength);
            if (SensitiveDataScanner.Inspect(value.AsString) is { } problem)
            {
                throw Errors.Sensitive(field, problem);
            }
        }

        return value;
    }

    public static void RejectReadOnlyKeyInMetadata(JsonElement metadata)
    {
        foreach (var property in metadata.EnumerateObject())
        {
            if (ReadOnlyAttributes.Contains(property.Name))
            {
                var field = $"metadata.{property.Name}";
                throw new LoyaltyException(ErrorCode.ReadOnlyAttribute, $"'{field}' is a read-only attribute owned by the engine and cannot be written through metadata.", field);
            }
        }
    }

    private static string DescribeKind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "undefined",
    };

    [GeneratedRegex(@"^\+?[0-9][0-9 ().\-]{2,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();
}
