using Loyalty.Storage.Sqlite;
using Loyalty.StoreContract;

namespace Loyalty.Sqlite.Tests;

public sealed class PublicApiTests
{
    [Fact]
    public void LoyaltySqlite_PublicSurface_MatchesApprovedFile() =>
        PublicApi.AssertMatchesApproved(typeof(SqliteLoyaltyStore).Assembly, ApprovedFile.InRepository("tests/Loyalty.Sqlite.Tests/Loyalty.Sqlite.approved.txt"));
}
