using System.Text.Json;

namespace Loyalty.Cli.Tests;

public sealed class MemberCommandTests(DemoDatabaseFixture demo) : IClassFixture<DemoDatabaseFixture>
{
    [Fact]
    public async Task MembersShow_PrintsProfileBalancesTierExpiringPointsAndLatestHistory()
    {
        using var cli = demo.NewRun();

        var result = await cli.RunExpectingAsync(0, "members", "show", "member-001", "--history", "6");

        Approvals.Verify(result.Output, "members-show.approved.txt");
    }

    [Fact]
    public async Task MembersShow_UnknownMember_ExitsOne_WithTheErrorCodeAndField()
    {
        using var cli = demo.NewRun();

        var result = await cli.RunExpectingAsync(1, "members", "show", "nobody");

        Assert.Equal("error: MemberNotFound (field: memberId): Member 'nobody' was not found.\n", result.Error);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public async Task MembersShow_OnAMissingDatabase_ExitsOne_AndCreatesNoFile()
    {
        using var cli = new CliRun();

        var result = await cli.RunExpectingAsync(1, "members", "show", "member-001", "--db", "missing.db");

        Assert.StartsWith($"error: There is no loyalty database at {cli.Path("missing.db")}", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.Path("missing.db")));
    }

    [Fact]
    public async Task MembersShow_MalformedId_IsRefusedByTheParser()
    {
        using var cli = demo.NewRun();

        var result = await cli.RunExpectingAsync(1, "members", "show", "no such id");

        Assert.Equal("error: ID: 'no such id' is not a member id (letters, digits, '-' and '_', 1 to 64 characters).\nSee 'loyalty members show --help' for usage.\n", result.Error);
    }

    [Fact]
    public async Task MembersExport_WritesTheGdprDocument_ToStandardOutputOrAFile()
    {
        using var cli = demo.NewRun();

        var stdout = await cli.RunExpectingAsync(0, "members", "export", "member-002");
        var file = await cli.RunExpectingAsync(0, "members", "export", "member-002", "--out", "export.json");

        using var document = JsonDocument.Parse(stdout.Output);
        Assert.Equal("member-002", document.RootElement.GetProperty("member").GetProperty("member_id").GetString());
        Assert.True(document.RootElement.GetProperty("history").GetArrayLength() > 1);
        Assert.Equal("Exported member member-002 to export.json.\n", file.Output);
        Assert.Equal(stdout.Output.TrimEnd(), (await File.ReadAllTextAsync(cli.Path("export.json"), TestContext.Current.CancellationToken)).TrimEnd());
    }

    [Fact]
    public async Task MembersExport_UnknownMember_ExitsOne_AndWritesNoFile()
    {
        using var cli = demo.NewRun();

        var result = await cli.RunExpectingAsync(1, "members", "export", "nobody", "--out", "export.json");

        Assert.Contains("MemberNotFound", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(cli.Directory, "export.json*"));
    }

    [Fact]
    public async Task MembersForget_AnonymizesTheMember_AndFreesTheirIdentifiers()
    {
        using var cli = demo.NewRun();
        var before = await cli.RunExpectingAsync(0, "members", "export", "member-003");
        var email = JsonDocument.Parse(before.Output).RootElement.GetProperty("member").GetProperty("email").GetString()!;

        var forget = await cli.RunExpectingAsync(0, "members", "forget", "member-003", "--reason", "asked by email");
        var show = await cli.RunExpectingAsync(1, "members", "show", "member-003");
        var again = await cli.RunExpectingAsync(1, "members", "forget", "member-003");
        var feed = await cli.RunExpectingAsync(0, "snapshot");

        Assert.StartsWith("Forgot member-003: personal data removed, identifiers free for reuse.\nThe ledger stays, under the anonymous id anon-", forget.Output, StringComparison.Ordinal);
        Assert.Contains("MemberNotFound", show.Error, StringComparison.Ordinal);
        Assert.Contains("MemberNotFound", again.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("member-003", feed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(email, feed.Output, StringComparison.Ordinal);
    }
}
