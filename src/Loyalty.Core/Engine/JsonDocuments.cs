using System.Text.Json;
using Loyalty.History;
using Loyalty.Ledger;
using Loyalty.Lifecycle;
using Loyalty.Members;
using NodaTime;
using NodaTime.Text;

namespace Loyalty.Engine;

/// <summary>Writes members, balances, lots and history as snake_case JSON (GDPR export, CLI output).</summary>
internal static class JsonDocuments
{
    public static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    public static string Format(LocalDate date) => LocalDatePattern.Iso.Format(date);

    public static void WriteMember(Utf8JsonWriter writer, Member member, EngagementStage stage)
    {
        writer.WriteStartObject();
        writer.WriteString("member_id", member.Id.Value);
        writer.WriteString("status", member.Status.ToString());
        writer.WriteString("engagement_stage", stage.ToString());
        WriteOptional(writer, "email", member.Email);
        WriteOptional(writer, "external_reference", member.ExternalReference);
        writer.WriteStartObject("external_ids");
        foreach (var (key, value) in member.ExternalIds.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
        WriteOptional(writer, "first_name", member.FirstName);
        WriteOptional(writer, "last_name", member.LastName);
        WriteOptional(writer, "phone", member.Phone);
        WriteOptional(writer, "birthday", member.Birthday is { } birthday ? Format(birthday) : null);
        WriteOptional(writer, "language", member.Language);
        writer.WritePropertyName("metadata");
        member.Metadata.WriteTo(writer);
        writer.WriteStartObject("attributes");
        foreach (var (name, value) in member.Attributes.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            WriteAttribute(writer, name, value);
        }

        writer.WriteEndObject();
        WriteOptional(writer, "referred_by", member.ReferredBy?.Value);
        WriteOptional(writer, "tier", member.Tier);
        WriteOptional(writer, "tier_since", member.TierSince is { } since ? Format(since) : null);
        WriteOptional(writer, "tier_review_at", member.TierReviewAt is { } review ? Format(review) : null);
        WriteOptional(writer, "pinned_tier", member.PinnedTier);
        writer.WriteString("created_at", Format(member.CreatedAt));
        writer.WriteString("updated_at", Format(member.UpdatedAt));
        WriteOptional(writer, "enrolled_at", member.EnrolledAt is { } enrolled ? Format(enrolled) : null);
        WriteOptional(writer, "last_activity_at", member.LastActivityAt is { } last ? Format(last) : null);
        writer.WriteEndObject();
    }

    public static void WriteBalance(Utf8JsonWriter writer, AccountName account, PointsBalance balance)
    {
        writer.WriteStartObject();
        writer.WriteString("account", account.Value);
        writer.WriteNumber("spendable", balance.Spendable);
        writer.WriteNumber("earned", balance.Earned);
        writer.WriteNumber("pending", balance.Pending);
        writer.WriteNumber("reserved", balance.Reserved);
        writer.WriteNumber("spent", balance.Spent);
        writer.WriteNumber("expired", balance.Expired);
        writer.WriteNumber("deducted", balance.Deducted);
        writer.WriteNumber("debt", balance.Debt);
        writer.WriteEndObject();
    }

    public static void WriteLot(Utf8JsonWriter writer, Lot lot)
    {
        writer.WriteStartObject();
        writer.WriteString("lot_id", lot.Id.ToString());
        writer.WriteString("account", lot.Account.Value);
        writer.WriteNumber("points", lot.Points);
        writer.WriteNumber("remaining", lot.Remaining);
        writer.WriteNumber("reserved", lot.Reserved);
        writer.WriteString("earned_at", Format(lot.EarnedAt));
        WriteOptional(writer, "expires_on", lot.ExpiresOn is { } expires ? Format(expires) : null);
        writer.WriteEndObject();
    }

    public static void WriteEntry(Utf8JsonWriter writer, LedgerEntry entry)
    {
        writer.WriteStartObject();
        writer.WriteString("entry_id", entry.Id.ToString());
        writer.WriteNumber("sequence", entry.Sequence);
        writer.WriteString("account", entry.Account.Value);
        writer.WriteString("kind", entry.Kind.ToString());
        writer.WriteNumber("points", entry.Points);
        WriteOptional(writer, "reason", entry.Reason);
        WriteOptional(writer, "actor", entry.Actor);
        writer.WriteString("occurred_at", Format(entry.OccurredAt));
        WriteOptional(writer, "idempotency_key", entry.IdempotencyKey?.Value);
        WriteOptional(writer, "settles", entry.Settles?.ToString());
        WriteOptional(writer, "expires_on", entry.ExpiresOn is { } expires ? Format(expires) : null);
        WriteOptional(writer, "due_at", entry.DueAt is { } due ? Format(due) : null);
        if (entry.Allocations.Count > 0)
        {
            writer.WriteStartArray("allocations");
            foreach (var allocation in entry.Allocations)
            {
                writer.WriteStartObject();
                writer.WriteString("lot_id", allocation.LotId.ToString());
                writer.WriteNumber("points", allocation.Points);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    public static void WriteActivity(Utf8JsonWriter writer, ActivityEntry activity)
    {
        if (activity.LedgerEntry is { } entry)
        {
            WriteEntry(writer, entry);
            return;
        }

        writer.WriteStartObject();
        writer.WriteNumber("sequence", activity.Sequence);
        writer.WriteString("kind", activity.Kind.ToString());
        writer.WriteString("occurred_at", Format(activity.OccurredAt));
        WriteOptional(writer, "actor", activity.Actor);
        WriteOptional(writer, "reason", activity.Reason);
        WriteOptional(writer, "from_status", activity.FromStatus?.ToString());
        WriteOptional(writer, "to_status", activity.ToStatus?.ToString());
        WriteOptional(writer, "from_tier", activity.FromTier);
        WriteOptional(writer, "to_tier", activity.ToTier);
        if (activity.ChangedFields.Count > 0)
        {
            writer.WriteStartArray("changed_fields");
            foreach (var field in activity.ChangedFields)
            {
                writer.WriteStringValue(field);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteAttribute(Utf8JsonWriter writer, string name, AttributeValue value)
    {
        switch (value.Kind)
        {
            case AttributeKind.Number:
                writer.WriteNumber(name, value.AsNumber);
                break;
            case AttributeKind.Boolean:
                writer.WriteBoolean(name, value.AsBoolean);
                break;
            default:
                writer.WriteString(name, value.ToString());
                break;
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
