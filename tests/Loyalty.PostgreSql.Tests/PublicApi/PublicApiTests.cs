using Loyalty.Storage.PostgreSql;
using Loyalty.StoreContract;

namespace Loyalty.PostgreSql.Tests.PublicApi;

public sealed class PublicApiTests
{
    [Fact]
    public void LoyaltyPostgreSql_PublicSurface_MatchesApprovedFile() =>
        StoreContract.PublicApi.AssertMatchesApproved(
            typeof(PostgreSqlLoyaltyStore).Assembly, ApprovedFile.InRepository("tests/Loyalty.PostgreSql.Tests/PublicApi/Loyalty.PostgreSql.approved.txt"));
}
