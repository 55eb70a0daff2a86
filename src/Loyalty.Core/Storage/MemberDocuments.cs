using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Loyalty.Members;
using NodaTime.Text;

namespace Loyalty.Storage;

/// <summary>
/// The JSON documents of a member row, in the one format every store writes (so data moves between stores as is):
/// external ids (<c>{"name":"value"}</c>), custom attributes (<c>{"name":{"kind":"Number","value":"12.50"}}</c>, values as
/// invariant text so decimals keep their scale) and the metadata object, as given. Key order is kept. For store
/// implementations.
/// </summary>
public static class MemberDocuments
{
    private const string EmptyObject = "{}";


    /// <summary>Writes named external ids as a JSON object.</summary>
    /// <param name="externalIds">The ids by name.</param>
    /// <returns>The JSON text (<c>{}</c> when there are none).</returns>
    public static string WriteExternalIds(IReadOnlyDictionary<string, string> externalIds) =>
        WriteObject(externalIds, static (writer, name, value) => writer.WriteString(name, value));

    /// <summary>Reads named external ids written by <see cref="WriteExternalIds"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The ids by name (ordinal keys).</returns>
    public static IReadOnlyDictionary<string, string> ReadExternalIds(string json) =>
        ReadObject(json, Member.EmptyStrings, static value => value.GetString() ?? string.Empty);

    /// <summary>Writes custom attribute values, each with its kind, as a JSON object.</summary>
    /// <param name="attributes">The values by attribute name.</param>
    /// <returns>The JSON text (<c>{}</c> when there are none).</returns>
    public static string WriteAttributes(IReadOnlyDictionary<string, AttributeValue> attributes) =>
        WriteObject(attributes, static (writer, name, value) =>
        {
            writer.WriteStartObject(name);
            writer.WriteString("kind", value.Kind.ToString());
            writer.WriteString("value", value.ToString());
            writer.WriteEndObject();
        });

    /// <summary>Reads custom attribute values written by <see cref="WriteAttributes"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The values by attribute name (ordinal keys).</returns>
    public static IReadOnlyDictionary<string, AttributeValue> ReadAttributes(string json) =>
        ReadObject(json, Member.EmptyAttributes, static value =>
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

    /// <summary>Writes a member's metadata object as given.</summary>
    /// <param name="metadata">The metadata (an undefined element counts as empty).</param>
    /// <returns>The JSON text.</returns>
    public static string WriteMetadata(JsonElement metadata) =>
        metadata.ValueKind == JsonValueKind.Undefined ? EmptyObject : metadata.GetRawText();

    /// <summary>Reads a member's metadata object.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The metadata, detached from any document.</returns>
    public static JsonElement ReadMetadata(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json == EmptyObject)
        {
            return Member.EmptyObject;
        }

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
        ArgumentNullException.ThrowIfNull(json);
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
