using Loyalty.Members;
using Npgsql;

namespace Loyalty.Storage.PostgreSql.Tables;

/// <summary>The <c>members</c> table: one row per member, with the last history sequence used for them.</summary>
internal sealed class MembersTable
{
    /// <summary>The columns <see cref="Read"/> expects, in order, for a table aliased <c>m</c>.</summary>
    public const string Select =
        "m.member_id, m.status, m.email, m.external_reference, m.external_ids, m.first_name, m.last_name, m.phone, m.birthday, " +
        "m.language, m.metadata, m.attributes, m.referred_by, m.tier, m.tier_since, m.tier_review_at, m.pinned_tier, " +
        "m.created_at, m.updated_at, m.enrolled_at, m.last_activity_at, m.last_sequence";

    /// <summary>The number of columns in <see cref="Select"/>.</summary>
    public const int SelectCount = 22;

    /// <summary>The ordinal of <c>last_sequence</c> within <see cref="Select"/>.</summary>
    public const int LastSequenceOrdinal = 21;

    private const string Values =
        "status, email, email_normalized, external_reference, external_ids, first_name, last_name, phone, birthday, language, " +
        "metadata, attributes, referred_by, tier, tier_since, tier_review_at, pinned_tier, created_at, updated_at, enrolled_at, " +
        "last_activity_at, last_sequence";

    public MembersTable(string schema)
    {
        Get = $"SELECT {Select} FROM {schema}.members m WHERE m.program_id = $1 AND m.member_id = $2";
        Insert = $"INSERT INTO {schema}.members (program_id, member_id, {Values}) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24) " +
            "ON CONFLICT (program_id, member_id) DO NOTHING";
        Update = $"UPDATE {schema}.members SET ({Values}) = " +
            "($3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24) " +
            "WHERE program_id = $1 AND member_id = $2 AND last_sequence = $25";
        UpdateSequence = $"UPDATE {schema}.members SET last_sequence = $3 WHERE program_id = $1 AND member_id = $2 AND last_sequence = $4";
        ListPrefix = $"SELECT {Select} FROM {schema}.members m WHERE m.program_id = $1 AND m.member_id > $2";
    }

    /// <summary>Gets one member: $1 program, $2 member.</summary>
    public string Get { get; }

    /// <summary>Inserts a member unless the identifier is taken (then no row is affected): <see cref="BindRow"/>.</summary>
    public string Insert { get; }

    /// <summary>Rewrites a member if its last sequence is still $25: <see cref="BindRow"/> then the expected sequence.</summary>
    public string Update { get; }

    /// <summary>Sets the last sequence ($3) if it is still $4: $1 program, $2 member.</summary>
    public string UpdateSequence { get; }

    /// <summary>The start of a listing query: $1 program, $2 the identifier to start after; filters and the order follow.</summary>
    public string ListPrefix { get; }

    /// <summary>Adds $1 to $24: program, the row's member identifier, then every other column of the row.</summary>
    public static void BindRow(NpgsqlParameterCollection parameters, ProgramId programId, MemberId memberId, Member member, long lastSequence)
    {
        parameters.AddMemberKey(programId, memberId);
        parameters.Add(Param.Int16((int)member.Status));
        parameters.Add(Param.NullableText(member.Email));
        parameters.Add(Param.NullableText(member.Email is null ? null : EmailAddress.Normalize(member.Email)));
        parameters.Add(Param.NullableText(member.ExternalReference));
        parameters.Add(Param.Json(MemberDocuments.WriteExternalIds(member.ExternalIds)));
        parameters.Add(Param.NullableText(member.FirstName));
        parameters.Add(Param.NullableText(member.LastName));
        parameters.Add(Param.NullableText(member.Phone));
        parameters.Add(Param.NullableDate(member.Birthday));
        parameters.Add(Param.NullableText(member.Language));
        parameters.Add(Param.Json(MemberDocuments.WriteMetadata(member.Metadata)));
        parameters.Add(Param.Json(MemberDocuments.WriteAttributes(member.Attributes)));
        parameters.Add(Param.NullableText(member.ReferredBy?.Value));
        parameters.Add(Param.NullableText(member.Tier));
        parameters.Add(Param.NullableTimestamp(member.TierSince));
        parameters.Add(Param.NullableTimestamp(member.TierReviewAt));
        parameters.Add(Param.NullableText(member.PinnedTier));
        parameters.Add(Param.Timestamp(member.CreatedAt));
        parameters.Add(Param.Timestamp(member.UpdatedAt));
        parameters.Add(Param.NullableTimestamp(member.EnrolledAt));
        parameters.Add(Param.NullableTimestamp(member.LastActivityAt));
        parameters.Add(Param.Int64(lastSequence));
    }

    /// <summary>Reads a member from the <see cref="Select"/> columns starting at <paramref name="first"/>.</summary>
    public static Member Read(NpgsqlDataReader reader, int first) => new()
    {
        Id = reader.MemberId(first),
        Status = (MemberStatus)reader.GetInt16(first + 1),
        Email = reader.NullableString(first + 2),
        ExternalReference = reader.NullableString(first + 3),
        ExternalIds = MemberDocuments.ReadExternalIds(reader.GetString(first + 4)),
        FirstName = reader.NullableString(first + 5),
        LastName = reader.NullableString(first + 6),
        Phone = reader.NullableString(first + 7),
        Birthday = reader.NullableDate(first + 8),
        Language = reader.NullableString(first + 9),
        Metadata = MemberDocuments.ReadMetadata(reader.GetString(first + 10)),
        Attributes = MemberDocuments.ReadAttributes(reader.GetString(first + 11)),
        ReferredBy = reader.NullableMemberId(first + 12),
        Tier = reader.NullableString(first + 13),
        TierSince = reader.NullableInstant(first + 14),
        TierReviewAt = reader.NullableInstant(first + 15),
        PinnedTier = reader.NullableString(first + 16),
        CreatedAt = reader.Instant(first + 17),
        UpdatedAt = reader.Instant(first + 18),
        EnrolledAt = reader.NullableInstant(first + 19),
        LastActivityAt = reader.NullableInstant(first + 20),
    };
}
