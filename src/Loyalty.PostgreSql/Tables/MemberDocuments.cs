using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Loyalty.Members;
using NodaTime.Text;

namespace Loyalty.Storage.PostgreSql.Tables;

/// <summary>
/// The JSON columns of a member row: external ids (<c>{"name":"value"}</c>), custom attributes
/// (<c>{"name":{"kind":"Number","value":"12.50"}}</c>, values as invariant text so decimals keep their scale) and the
/// metadata object, stored as given. Key order is kept (the columns are <c>json</c>, not <c>jsonb</c>).
/// </summary>
internal static class MemberDocuments
{
    private const string EmptyObject = "{}";

    private static readonly IReadOnlyDictionary<string, string> NoExternalIds = new Dictionary<string, string>(0, StringComparer.Ordinal);
    private static readonly IReadOnlyDictionary<string, AttributeValue> NoAttributes = new Dictionary<string, AttributeValue>(0, StringComparer.Ordinal);

    public static string WriteExternalIds(IReadOnlyDictionary<string, string> externalIds)
    {
        if (externalIds.Count == 0)
        {
            return EmptyObject;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in externalIds)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyDictionary<string, string> ReadExternalIds(string json)
    {
        if (json == EmptyObject)
        {
            return NoExternalIds;
        }

        using var document = JsonDocument.Parse(json);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            result[property.Name] = property.Value.GetString() ?? string.Empty;
        }

        return result;
    }

    public static string WriteAttributes(IReadOnlyDictionary<string, AttributeValue> attributes)
    {
        if (attributes.Count == 0)
        {
            return EmptyObject;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in attributes)
            {
                writer.WriteStartObject(name);
                writer.WriteString("kind", value.Kind.ToString());
                writer.WriteString("value", value.ToString());
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyDictionary<string, AttributeValue> ReadAttributes(string json)
    {
        if (json == EmptyObject)
        {
            return NoAttributes;
        }

        using var document = JsonDocument.Parse(json);
        var result = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var kind = Enum.Parse<AttributeKind>(property.Value.GetProperty("kind").GetString()!);
            var text = property.Value.GetProperty("value").GetString()!;
            result[property.Name] = kind switch
            {
                AttributeKind.Number => AttributeValue.FromDecimal(decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture)),
                AttributeKind.Boolean => AttributeValue.FromBoolean(text == "true"),
                AttributeKind.Date => AttributeValue.FromLocalDate(LocalDatePattern.Iso.Parse(text).Value),
                _ => AttributeValue.FromString(text),
            };
        }

        return result;
    }

    public static string WriteMetadata(JsonElement metadata) =>
        metadata.ValueKind == JsonValueKind.Undefined ? EmptyObject : metadata.GetRawText();

    public static JsonElement ReadMetadata(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
