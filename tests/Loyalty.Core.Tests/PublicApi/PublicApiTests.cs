using Loyalty.StoreContract;

namespace Loyalty.Core.Tests.PublicApi;

public sealed class PublicApiTests
{
    [Fact]
    public void LoyaltyCore_PublicSurface_MatchesApprovedFile() =>
        StoreContract.PublicApi.AssertMatchesApproved(typeof(ILoyaltyEngine).Assembly, Path.Combine(SourceDirectory(), "Loyalty.Core.approved.txt"));

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
