using System.Diagnostics;
using System.Text.RegularExpressions;
using Loyalty.StoreContract;
using Microsoft.Data.Sqlite;

namespace Loyalty.Cli.Tests;

public sealed partial class DemoCommandTests
{
    [Fact]
    public async Task Demo_WithTheDefaults_PrintsTheApprovedOutput_WhichTheReadmeShows()
    {
        using var cli = new CliRun();
        var watch = Stopwatch.StartNew();

        var result = await cli.RunExpectingAsync(0, "demo");

        watch.Stop();
        var output = TrimLineEnds(result.Output);
        Approvals.Verify(output, "demo.approved.txt");
        Assert.Equal(string.Empty, result.Error);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"the demo took {watch.Elapsed}");

        var readme = File.ReadAllText(ApprovedFile.InRepository("README.md")).ReplaceLineEndings("\n");
        var block = ReadmeDemoOutput().Match(readme);
        Assert.True(block.Success, "README.md has no ```text block after the demo command under '## Run it'.");
        Assert.Equal(output, block.Groups["output"].Value);
    }

    [Fact]
    public async Task Demo_SameSeed_SameOutput_OtherSeed_OtherOutput()
    {
        using var cli = new CliRun();

        var first = await cli.RunExpectingAsync(0, "demo", "--members", "40", "--months", "2", "--seed", "11");
        var again = await cli.RunExpectingAsync(0, "demo", "--members", "40", "--months", "2", "--seed", "11");
        var other = await cli.RunExpectingAsync(0, "demo", "--members", "40", "--months", "2", "--seed", "12");

        Assert.Equal(first.Output, again.Output);
        Assert.NotEqual(first.Output.Replace("seed 11", "seed 12", StringComparison.Ordinal), other.Output);
    }

    [Fact]
    public async Task Demo_LeavesOneSelfContainedDatabaseFile_ThatOtherSqliteClientsRead()
    {
        using var cli = new CliRun();

        await cli.RunExpectingAsync(0, "demo", "--members", "50", "--months", "1");

        Assert.True(File.Exists(cli.Path("loyalty.db")));
        Assert.False(File.Exists(cli.Path("loyalty.db-wal")), "the write-ahead log is checkpointed into the file when the tool exits");
        using var connection = new SqliteConnection($"Data Source={cli.Path("loyalty.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", command.ExecuteScalar());
        command.CommandText = "SELECT count(*) FROM members";
        Assert.Equal(50L, command.ExecuteScalar());
    }

    [Fact]
    public async Task Demo_OnItsOwnDatabase_ResetsIt()
    {
        using var cli = new CliRun();
        await cli.RunExpectingAsync(0, "demo", "--members", "40", "--months", "1");

        await cli.RunExpectingAsync(0, "members", "show", "member-040");

        await cli.RunExpectingAsync(0, "demo", "--members", "30", "--months", "1");

        await cli.RunExpectingAsync(0, "members", "show", "member-030");
        await cli.RunExpectingAsync(1, "members", "show", "member-031");
    }

    [Fact]
    public async Task Demo_OnADatabaseItDidNotMake_RefusesToReplaceIt_UnlessForced()
    {
        using var cli = new CliRun();
        await File.WriteAllTextAsync(cli.Path("shop.csv"), "member_id,email\nreal-1,real@example.com\n", TestContext.Current.CancellationToken);
        await cli.RunExpectingAsync(0, "members", "import", "shop.csv");

        var refused = await cli.RunExpectingAsync(1, "demo", "--members", "30", "--months", "1");
        var stillThere = await cli.RunExpectingAsync(0, "members", "show", "real-1");
        var forced = await cli.RunExpectingAsync(0, "demo", "--members", "30", "--months", "1", "--force");
        var gone = await cli.RunExpectingAsync(1, "members", "show", "real-1");

        Assert.Equal(
            "error: loyalty.db already exists and was not made by the demo; the demo replaces its database, so run it with --db NEW_FILE, or with --force to replace loyalty.db.\n",
            refused.Error);
        Assert.Contains("real@example.com", stillThere.Output, StringComparison.Ordinal);
        Assert.Contains("Sample members", forced.Output, StringComparison.Ordinal);
        Assert.Contains("MemberNotFound", gone.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_OnAFileThatIsNotADatabase_RefusesToReplaceIt()
    {
        using var cli = new CliRun();
        await File.WriteAllTextAsync(cli.Path("notes.txt"), "not a database", TestContext.Current.CancellationToken);

        var result = await cli.RunExpectingAsync(1, "demo", "--db", "notes.txt");

        Assert.StartsWith("error: notes.txt already exists and was not made by the demo", result.Error, StringComparison.Ordinal);
        Assert.Equal("not a database", await File.ReadAllTextAsync(cli.Path("notes.txt"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Demo_WithPostgres_ExplainsThatItWritesASqliteFile()
    {
        using var cli = new CliRun();

        var result = await cli.RunExpectingAsync(1, "demo", "--postgres", "Host=localhost");

        Assert.Equal("error: The demo creates a SQLite file: use --db FILE, not --postgres.\n", result.Error);
    }

    [Theory]
    [InlineData("--members", "5", "error: --members: '5' is not a whole number from 30 to 10000.")]
    [InlineData("--months", "0", "error: --months: '0' is not a whole number from 1 to 24.")]
    [InlineData("--seed", "many", "error: --seed: 'many' is not a whole number from 0 to 2147483647.")]
    public async Task Demo_BadOptionValues_AreRefusedByTheParser(string option, string value, string message)
    {
        using var cli = new CliRun();

        var result = await cli.RunExpectingAsync(1, "demo", option, value);

        Assert.Equal($"{message}\nSee 'loyalty demo --help' for usage.\n", result.Error);
        Assert.False(File.Exists(cli.Path("loyalty.db")));
    }

    /// <summary>Without the spaces that pad table lines to their full width (editors strip them from the README).</summary>
    private static string TrimLineEnds(string text) => string.Join('\n', text.Split('\n').Select(line => line.TrimEnd()));

    [GeneratedRegex(@"## Run it\n.*?dotnet run --project src/Loyalty\.Cli -- demo\n```\n.*?```text\n(?<output>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ReadmeDemoOutput();
}
