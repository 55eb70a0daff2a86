namespace Loyalty.Storage.PostgreSql.Tables;

/// <summary>The query behind <see cref="ILoyaltyStore.ListMembersWithDueWorkAsync"/>: three indexed scans, merged in identifier order.</summary>
internal sealed class MaintenanceStatements
{
    public MaintenanceStatements(string schema)
    {
        ListDue = "SELECT member_id FROM (" +
            $"SELECT member_id FROM {schema}.lots WHERE program_id = @Program AND expires_at <= @AsOf AND remaining > reserved AND member_id > @After " +
            $"UNION SELECT member_id FROM {schema}.open_holds WHERE program_id = @Program AND due_at <= @AsOf AND member_id > @After " +
            $"UNION SELECT member_id FROM {schema}.members WHERE program_id = @Program AND tier_review_at <= @AsOf AND member_id > @After" +
            ") due ORDER BY member_id LIMIT @Limit";
    }

    /// <summary>Lists members of @Program with work due at @AsOf after identifier @After, at most @Limit.</summary>
    public string ListDue { get; }
}
