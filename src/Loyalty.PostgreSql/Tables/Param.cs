using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Loyalty.Storage.PostgreSql.Tables;

/// <summary>
/// Typed positional parameters (<c>$1</c>, <c>$2</c>, …): no boxing, and the same PostgreSQL type on every call (null or
/// not), so that a prepared statement is reused rather than prepared again.
/// </summary>
internal static class Param
{
    /// <summary>Adds the key every member-owned row starts with: the program ($1) and the member ($2).</summary>
    public static void AddMemberKey(this NpgsqlParameterCollection parameters, ProgramId programId, MemberId memberId)
    {
        parameters.Add(Text(programId.Value));
        parameters.Add(Text(memberId.Value));
    }

    public static NpgsqlParameter<string> Text(string value) => new() { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = value };

    public static NpgsqlParameter<string?> NullableText(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = value };

    public static NpgsqlParameter<string[]?> TextArray(string[]? value) => new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = value };

    public static NpgsqlParameter<string> Json(string value) => new() { NpgsqlDbType = NpgsqlDbType.Json, TypedValue = value };

    public static NpgsqlParameter<short> Int16(int value) => new() { NpgsqlDbType = NpgsqlDbType.Smallint, TypedValue = checked((short)value) };

    public static NpgsqlParameter<short?> NullableInt16(int? value) => new() { NpgsqlDbType = NpgsqlDbType.Smallint, TypedValue = value is { } v ? checked((short)v) : null };

    public static NpgsqlParameter<int> Int32(int value) => new() { NpgsqlDbType = NpgsqlDbType.Integer, TypedValue = value };

    public static NpgsqlParameter<long> Int64(long value) => new() { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = value };

    public static NpgsqlParameter<long?> NullableInt64(long? value) => new() { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = value };

    public static NpgsqlParameter<long[]?> Int64Array(long[]? value) => new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, TypedValue = value };

    public static NpgsqlParameter<Guid> Uuid(Guid value) => new() { NpgsqlDbType = NpgsqlDbType.Uuid, TypedValue = value };

    public static NpgsqlParameter<Guid?> NullableUuid(Guid? value) => new() { NpgsqlDbType = NpgsqlDbType.Uuid, TypedValue = value };

    public static NpgsqlParameter<Guid[]?> UuidArray(Guid[]? value) => new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, TypedValue = value };

    public static NpgsqlParameter<DateTime> Timestamp(Instant value) => new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = value.ToDateTimeUtc() };

    public static NpgsqlParameter<DateTime?> NullableTimestamp(Instant? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = value?.ToDateTimeUtc() };

    public static NpgsqlParameter<DateOnly?> NullableDate(LocalDate? value) => new() { NpgsqlDbType = NpgsqlDbType.Date, TypedValue = value?.ToDateOnly() };
}
