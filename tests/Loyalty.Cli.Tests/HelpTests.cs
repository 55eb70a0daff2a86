namespace Loyalty.Cli.Tests;

public sealed class HelpTests
{
    public static TheoryData<string> Commands => new()
    {
        "",
        "demo",
        "members",
        "members import",
        "members show",
        "members export",
        "members forget",
        "points",
        "points award",
        "points deduct",
        "expire",
        "snapshot",
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_OfEachCommand_MatchesTheApprovedText_AndExitsZero(string command)
    {
        using var cli = new CliRun();
        var args = command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Append("--help").ToArray();

        var result = await cli.RunExpectingAsync(0, args);

        Approvals.Verify(result.Output, $"help-{(command.Length == 0 ? "loyalty" : command.Replace(' ', '-'))}.approved.txt");
        Assert.False(File.Exists(cli.Path("loyalty.db")), "help opens no database");
    }

    [Theory]
    [InlineData("")]
    [InlineData("members")]
    [InlineData("points")]
    public async Task CommandGroup_WithoutASubcommand_PrintsItsHelp_AndExitsOne(string command)
    {
        using var cli = new CliRun();
        var args = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        var result = await cli.RunExpectingAsync(1, args);

        Assert.Contains("Usage:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_IsNamed_AndExitsOne()
    {
        using var cli = new CliRun();

        var result = await cli.RunExpectingAsync(1, "frobnicate");

        Assert.Equal("error: Unrecognized command or argument 'frobnicate'.\nSee 'loyalty --help' for usage.\n", result.Error);
    }
}
