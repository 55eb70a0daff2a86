namespace Loyalty.Storage.PostgreSql.Tables;

/// <summary>The queries behind <see cref="ILoyaltyStore.ListMembersWithDueWorkAsync"/>: one indexed scan per kind of due work.</summary>
internal sealed class MaintenanceStatements
{
    public MaintenanceStatements(string schema)
    {
        ListExpiringLots = $"SELECT DISTINCT member_id FROM {schema}.lots WHERE program_id = @Program AND expires_at <= @AsOf AND remaining > reserved AND member_id > @After ORDER BY member_id LIMIT @Limit";
        ListDueHolds = $"SELECT DISTINCT member_id FROM {schema}.open_holds WHERE program_id = @Program AND due_at <= @AsOf AND member_id > @After ORDER BY member_id LIMIT @Limit";
        ListTierReviews = $"SELECT member_id FROM {schema}.members WHERE program_id = @Program AND tier_review_at <= @AsOf AND member_id > @After ORDER BY member_id LIMIT @Limit";
    }

    /// <summary>Lists members of @Program with a lot past its expiry at @AsOf and points available, after identifier @After, at most @Limit.</summary>
    public string ListExpiringLots { get; }

    /// <summary>Lists members of @Program with a hold due at @AsOf, after identifier @After, at most @Limit.</summary>
    public string ListDueHolds { get; }

    /// <summary>Lists members of @Program past their tier review at @AsOf, after identifier @After, at most @Limit.</summary>
    public string ListTierReviews { get; }

    /// <summary>The listing of one kind of due work.</summary>
    public string For(DueWorkKind kind) => kind switch
    {
        DueWorkKind.Holds => ListDueHolds,
        DueWorkKind.ExpiringLots => ListExpiringLots,
        DueWorkKind.TierReviews => ListTierReviews,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of due work."),
    };
}
