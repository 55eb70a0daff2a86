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

    public static string WriteExternalIds(IReadOnlyDictionary<string, string> externalIds) =>
        WriteObject(externalIds, static (writer, name, value) => writer.WriteString(name, value));

    public static IReadOnlyDictionary<string, string> ReadExternalIds(string json) =>
        ReadObject(json, NoExternalIds, static value => value.GetString() ?? string.Empty);

    public static string WriteAttributes(IReadOnlyDictionary<string, AttributeValue> attributes) =>
        WriteObject(attributes, static (writer, name, value) =>
        {
            writer.WriteStartObject(name);
            writer.WriteString("kind", value.Kind.ToString());
            writer.WriteString("value", value.ToString());
            writer.WriteEndObject();
        });

    public static IReadOnlyDictionary<string, AttributeValue> ReadAttributes(string json) =>
        ReadObject(json, NoAttributes, static value =>
        {
            var kind = Enum.Parse<AttributeKind>(value.GetProperty("kind").GetString()!);
            var text = value.GetProperty("value").GetString()!;
            return kind switch
            {
                AttributeKind.Number => AttributeValue.FromDecimal(decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture)),
                AttributeKind.Boolean => AttributeValue.FromBoolean(text == "true"),
                AttributeKind.Date => AttributeValue.FromLocalDate(LocalDatePattern.Iso.Parse(text).Value),
                _ => AttributeValue.FromString(text),
            };
        });

    public static string WriteMetadata(JsonElement metadata) =>
        metadata.ValueKind == JsonValueKind.Undefined ? EmptyObject : metadata.GetRawText();

    public static JsonElement ReadMetadata(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>Writes a dictionary as a JSON object, in the dictionary's order.</summary>
    private static string WriteObject<T>(IReadOnlyDictionary<string, T> values, Action<Utf8JsonWriter, string, T> write)
    {
        if (values.Count == 0)
        {
            return EmptyObject;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in values)
            {
                write(writer, name, value);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads a JSON object into an ordinal dictionary, in the object's order.</summary>
    private static IReadOnlyDictionary<string, T> ReadObject<T>(string json, IReadOnlyDictionary<string, T> empty, Func<JsonElement, T> read)
    {
        if (json == EmptyObject)
        {
            return empty;
        }

        using var document = JsonDocument.Parse(json);
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            result[property.Name] = read(property.Value);
        }

        return result;
    }
}
