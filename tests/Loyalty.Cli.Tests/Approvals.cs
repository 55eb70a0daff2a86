using Loyalty.StoreContract;

namespace Loyalty.Cli.Tests;

/// <summary>Approved output files of this project, under tests/Loyalty.Cli.Tests/Approved.</summary>
internal static class Approvals
{
    public static string PathOf(string name) => ApprovedFile.InRepository("tests/Loyalty.Cli.Tests/Approved/" + name);

    public static void Verify(string actual, string name) => ApprovedFile.AssertMatches(actual, PathOf(name));
}
