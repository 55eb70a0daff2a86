using Loyalty.StoreContract;

namespace Loyalty.Core.Tests.PublicApi;

public sealed class PublicApiTests
{
    [Fact]
    public void LoyaltyCore_PublicSurface_MatchesApprovedFile() =>
        StoreContract.PublicApi.AssertMatchesApproved(
            typeof(ILoyaltyEngine).Assembly, ApprovedFile.InRepository("tests/Loyalty.Core.Tests/PublicApi/Loyalty.Core.approved.txt"));
}
