using Loyalty.Members;
using Loyalty.Storage;
using Microsoft.Data.Sqlite;

namespace Loyalty.Storage.Sqlite.Storage;

/// <summary>Reads and writes the <c>members</c> table's columns, in the order of <see cref="Columns"/>.</summary>
internal static class MemberRows
{
    public const string Columns =
        "member_id, status, email, external_reference, external_ids, first_name, last_name, phone, birthday, language, metadata, attributes, "
        + "referred_by, tier, tier_since, tier_review_at, pinned_tier, created_at, updated_at, enrolled_at, last_activity_at, last_sequence";

    public const string Parameters =
        "$member, $status, $email, $external_reference, $external_ids, $first_name, $last_name, $phone, $birthday, $language, $metadata, $attributes, "
        + "$referred_by, $tier, $tier_since, $tier_review_at, $pinned_tier, $created_at, $updated_at, $enrolled_at, $last_activity_at, $last_sequence";

    public const string Assignments =
        "status = $status, email = $email, email_normalized = $email_normalized, external_reference = $external_reference, external_ids = $external_ids, "
        + "first_name = $first_name, last_name = $last_name, phone = $phone, birthday = $birthday, language = $language, metadata = $metadata, "
        + "attributes = $attributes, referred_by = $referred_by, tier = $tier, tier_since = $tier_since, tier_review_at = $tier_review_at, "
        + "pinned_tier = $pinned_tier, created_at = $created_at, updated_at = $updated_at, enrolled_at = $enrolled_at, "
        + "last_activity_at = $last_activity_at, last_sequence = $last_sequence";

    /// <summary>The number of columns in <see cref="Columns"/>.</summary>
    public const int Count = 22;

    /// <summary>Reads a member whose columns start at <paramref name="offset"/>.</summary>
    public static Member Read(SqliteDataReader reader, int offset, out long lastSequence)
    {
        lastSequence = reader.GetInt64(offset + 21);
        return new Member
        {
            Id = MemberId.Parse(reader.GetString(offset)),
            Status = (MemberStatus)reader.GetInt32(offset + 1),
            Email = reader.GetNullableString(offset + 2),
            ExternalReference = reader.GetNullableString(offset + 3),
            ExternalIds = MemberDocuments.ReadExternalIds(reader.GetNullableString(offset + 4) ?? "{}"),
            FirstName = reader.GetNullableString(offset + 5),
            LastName = reader.GetNullableString(offset + 6),
            Phone = reader.GetNullableString(offset + 7),
            Birthday = reader.GetNullableString(offset + 8) is { } birthday ? StoreValues.Date(birthday) : null,
            Language = reader.GetNullableString(offset + 9),
            Metadata = MemberDocuments.ReadMetadata(reader.GetNullableString(offset + 10) ?? "{}"),
            Attributes = MemberDocuments.ReadAttributes(reader.GetNullableString(offset + 11) ?? "{}"),
            ReferredBy = reader.GetNullableString(offset + 12) is { } referrer ? MemberId.Parse(referrer) : (MemberId?)null,
            Tier = reader.GetNullableString(offset + 13),
            TierSince = OptionalInstant(reader, offset + 14),
            TierReviewAt = OptionalInstant(reader, offset + 15),
            PinnedTier = reader.GetNullableString(offset + 16),
            CreatedAt = StoreValues.Instant(reader.GetInt64(offset + 17)),
            UpdatedAt = StoreValues.Instant(reader.GetInt64(offset + 18)),
            EnrolledAt = OptionalInstant(reader, offset + 19),
            LastActivityAt = OptionalInstant(reader, offset + 20),
        };
    }

    /// <summary>Binds every column parameter of <see cref="Parameters"/> and <see cref="Assignments"/>.</summary>
    public static void Bind(SqliteCommand command, ProgramId programId, Member member, long lastSequence)
    {
        command.Set("$program", programId.Value)
            .Set("$member", member.Id.Value)
            .Set("$status", (int)member.Status)
            .Set("$email", StoreValues.Text(member.Email))
            .Set("$email_normalized", member.Email is { } email ? EmailAddress.Normalize(email) : DBNull.Value)
            .Set("$external_reference", StoreValues.Text(member.ExternalReference))
            .Set("$external_ids", MemberDocuments.WriteExternalIds(member.ExternalIds))
            .Set("$first_name", StoreValues.Text(member.FirstName))
            .Set("$last_name", StoreValues.Text(member.LastName))
            .Set("$phone", StoreValues.Text(member.Phone))
            .Set("$birthday", StoreValues.Date(member.Birthday))
            .Set("$language", StoreValues.Text(member.Language))
            .Set("$metadata", MemberDocuments.WriteMetadata(member.Metadata))
            .Set("$attributes", MemberDocuments.WriteAttributes(member.Attributes))
            .Set("$referred_by", StoreValues.Text(member.ReferredBy?.Value))
            .Set("$tier", StoreValues.Text(member.Tier))
            .Set("$tier_since", StoreValues.Ticks(member.TierSince))
            .Set("$tier_review_at", StoreValues.Ticks(member.TierReviewAt))
            .Set("$pinned_tier", StoreValues.Text(member.PinnedTier))
            .Set("$created_at", StoreValues.Ticks(member.CreatedAt))
            .Set("$updated_at", StoreValues.Ticks(member.UpdatedAt))
            .Set("$enrolled_at", StoreValues.Ticks(member.EnrolledAt))
            .Set("$last_activity_at", StoreValues.Ticks(member.LastActivityAt))
            .Set("$last_sequence", lastSequence);
    }

    private static NodaTime.Instant? OptionalInstant(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : StoreValues.Instant(reader.GetInt64(ordinal));
}
