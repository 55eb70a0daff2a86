using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Loyalty.Ledger;
using Loyalty.Members;
using NodaTime;
using NodaTime.Text;

namespace Loyalty.Storage.Sqlite.Storage;

/// <summary>
/// How values are written to columns: instants as Unix ticks, local dates as ISO text, changed-field lists as JSON arrays,
/// lot allocations as <c>lot:points</c> pairs (all readable from the <c>sqlite3</c> shell). A member's JSON documents
/// are written by <see cref="MemberDocuments"/>, as every store writes them.
/// </summary>
internal static class StoreValues
{
    public static long Ticks(Instant instant) => instant.ToUnixTimeTicks();

    public static object Ticks(Instant? instant) => instant is { } value ? value.ToUnixTimeTicks() : DBNull.Value;

    public static Instant Instant(long ticks) => NodaTime.Instant.FromUnixTimeTicks(ticks);

    public static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    public static object Date(LocalDate? date) => date is { } value ? Date(value) : DBNull.Value;

    public static LocalDate Date(string text) => LocalDatePattern.Iso.Parse(text).GetValueOrThrow();

    public static object Text(string? value) => value ?? (object)DBNull.Value;

    public static object Fields(IReadOnlyList<string> fields) =>
        fields.Count == 0 ? DBNull.Value : Write(writer =>
        {
            writer.WriteStartArray();
            foreach (var field in fields)
            {
                writer.WriteStringValue(field);
            }

            writer.WriteEndArray();
        });

    public static IReadOnlyList<string> Fields(string? json)
    {
        if (json is null)
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        var result = new List<string>(document.RootElement.GetArrayLength());
        foreach (var field in document.RootElement.EnumerateArray())
        {
            result.Add(field.GetString()!);
        }

        return result;
    }

    /// <summary>Writes lot allocations as <c>lot-id:points</c> pairs separated by commas.</summary>
    public static object Allocations(IReadOnlyList<LotAllocation> allocations)
    {
        if (allocations.Count == 0)
        {
            return DBNull.Value;
        }

        var text = new StringBuilder(allocations.Count * 44);
        foreach (var allocation in allocations)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(allocation.LotId.Value.ToString("D")).Append(':').Append(allocation.Points.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    public static IReadOnlyList<LotAllocation> Allocations(string? text)
    {
        if (text is null)
        {
            return [];
        }

        var parts = text.Split(',');
        var result = new LotAllocation[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var colon = parts[i].IndexOf(':', StringComparison.Ordinal);
            result[i] = new LotAllocation(
                new EntryId(Guid.ParseExact(parts[i].AsSpan(0, colon), "D")),
                long.Parse(parts[i].AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture));
        }

        return result;
    }

    /// <summary>Reads a soonest expiry packed as <c>yyyy-MM-dd:points</c> (null when nothing expires).</summary>
    public static (LocalDate? On, long Points) NextExpiry(string? text)
    {
        if (text is null)
        {
            return (null, 0);
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return (Date(text[..colon]), long.Parse(text.AsSpan(colon + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
    }

    public static string Id(EntryId id) => id.Value.ToString("D");

    public static object Id(EntryId? id) => id is { } value ? Id(value) : DBNull.Value;

    public static EntryId EntryId(string text) => new(Guid.ParseExact(text, "D"));

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
