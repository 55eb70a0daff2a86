using System.Text.Json;
using NodaTime.Text;

namespace Loyalty.Snapshots;

/// <summary>Writes snapshots as JSON lines with the datasource's snake_case field names.</summary>
public static class SnapshotJsonLines
{
    /// <summary>Writes one snapshot as one JSON object (without the line break).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="snapshot">The snapshot.</param>
    public static void Write(Utf8JsonWriter writer, LoyaltySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(snapshot);
        writer.WriteStartObject();
        writer.WriteString("customer_id", snapshot.MemberId.Value);
        writer.WriteBoolean("member", snapshot.IsMember);
        WriteStringOrNull(writer, "tier", snapshot.Tier);
        writer.WriteNumber("points_balance", snapshot.PointsBalance);
        if (snapshot.PointsToNextTier is { } toNext)
        {
            writer.WriteNumber("points_to_next_tier", toNext);
        }
        else
        {
            writer.WriteNull("points_to_next_tier");
        }

        WriteStringOrNull(writer, "next_tier", snapshot.NextTier);
        writer.WriteStartArray("tier_benefits");
        foreach (var benefit in snapshot.TierBenefits)
        {
            writer.WriteStringValue(benefit);
        }

        writer.WriteEndArray();
        WriteStringOrNull(writer, "points_expiration_date", snapshot.PointsExpirationDate is { } date ? LocalDatePattern.Iso.Format(date) : null);
        writer.WriteNumber("points_expiring", snapshot.PointsExpiring);
        WriteStringOrNull(writer, "member_since", snapshot.MemberSince is { } since ? LocalDatePattern.Iso.Format(since) : null);
        writer.WriteNumber("lifetime_points", snapshot.LifetimePoints);
        writer.WriteEndObject();
    }

    private static void WriteStringOrNull(Utf8JsonWriter writer, string name, string? value)
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
