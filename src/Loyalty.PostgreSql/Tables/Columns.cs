using NodaTime;
using Npgsql;

namespace Loyalty.Storage.PostgreSql.Tables;

/// <summary>Reads typed column values by ordinal, converting PostgreSQL types to the engine's (NodaTime, identifiers).</summary>
internal static class Columns
{
    public static string? NullableString(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static short? NullableInt16(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt16(ordinal);

    public static long NullableInt64OrZero(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : reader.GetInt64(ordinal);

    public static Guid? NullableGuid(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetGuid(ordinal);

    public static Instant Instant(this NpgsqlDataReader reader, int ordinal) =>
        NodaTime.Instant.FromDateTimeUtc(reader.GetFieldValue<DateTime>(ordinal));

    public static Instant? NullableInstant(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : NodaTime.Instant.FromDateTimeUtc(reader.GetFieldValue<DateTime>(ordinal));

    public static LocalDate? NullableDate(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : LocalDate.FromDateOnly(reader.GetFieldValue<DateOnly>(ordinal));

    public static T[]? NullableArray<T>(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T[]>(ordinal);

    public static MemberId MemberId(this NpgsqlDataReader reader, int ordinal) => Loyalty.MemberId.Parse(reader.GetString(ordinal));

    public static MemberId? NullableMemberId(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? default(Loyalty.MemberId?) : Loyalty.MemberId.Parse(reader.GetString(ordinal));

    public static AccountName Account(this NpgsqlDataReader reader, int ordinal) => AccountName.Parse(reader.GetString(ordinal));
}
