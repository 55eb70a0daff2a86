using System.Text.Json;

namespace Loyalty.Cli.Tests;

public sealed class OperationsCommandTests(DemoDatabaseFixture demo) : IClassFixture<DemoDatabaseFixture>
{
    [Fact]
    public async Task PointsAward_WritesOnce_PerKey()
    {
        using var cli = demo.NewRun();

        var award = await cli.RunExpectingAsync(0, "points", "award", "member-004", "250", "--reason", "goodwill", "--key", "ticket-77");
        var retry = await cli.RunExpectingAsync(0, "points", "award", "member-004", "250", "--reason", "goodwill", "--key", "ticket-77");
        var conflict = await cli.RunExpectingAsync(1, "points", "award", "member-004", "300", "--key", "ticket-77");

        Assert.StartsWith("Awarded 250 points to member-004.\nBalance: ", award.Output, StringComparison.Ordinal);
        Assert.Equal(award.Output.Replace("member-004.", "member-004 earlier, with the same key: nothing changed.", StringComparison.Ordinal), retry.Output);
        Assert.Equal("error: IdempotencyConflict (field: idempotencyKey): Idempotency key 'ticket-77' was already used for a different request.\n", conflict.Error);
    }

    [Fact]
    public async Task PointsDeduct_TakesPoints_AndRefusesMoreThanTheBalance()
    {
        using var cli = demo.NewRun();
        await cli.RunExpectingAsync(0, "points", "award", "member-004", "100", "--key", "k-1");

        var deduct = await cli.RunExpectingAsync(0, "points", "deduct", "member-004", "60", "--reason", "correction", "--key", "k-2");
        var tooMuch = await cli.RunExpectingAsync(1, "points", "deduct", "member-004", "99999999", "--key", "k-3");

        Assert.StartsWith("Deducted 60 points from member-004.\n", deduct.Output, StringComparison.Ordinal);
        Assert.StartsWith("error: InsufficientPoints (field: points): Account 'points' has ", tooMuch.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "points", "award", "member-004", "0", "--key", "k" }, "error: N: '0' is not a number of points (a whole number, at least 1).")]
    [InlineData(new[] { "points", "award", "member-004", "1.5", "--key", "k" }, "error: N: '1.5' is not a number of points (a whole number, at least 1).")]
    [InlineData(new[] { "points", "deduct", "member-004", "ten", "--key", "k" }, "error: N: 'ten' is not a number of points (a whole number, at least 1).")]
    [InlineData(new[] { "points", "award", "member-004", "10" }, "error: Option '--key' is required.")]
    [InlineData(new[] { "points", "award", "member-004", "10", "--key", "has space" }, "error: --key: 'has space' is not an idempotency key (1 to 200 printable characters without spaces, e.g. ticket-1234:goodwill).")]
    [InlineData(new[] { "expire", "--as-of", "31/12/2026" }, "error: --as-of: '31/12/2026' is not a date (yyyy-MM-dd) or a UTC instant (yyyy-MM-ddTHH:mm:ssZ).")]
    [InlineData(new[] { "members", "show", "member-001", "--history", "lots" }, "error: --history: 'lots' is not a whole number from 0 to 1000.")]
    public async Task BadValues_AreRefusedByTheParser_WithExitCodeOne(string[] args, string message)
    {
        using var cli = demo.NewRun();

        var result = await cli.RunExpectingAsync(1, args);

        Assert.StartsWith(message + "\n", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PointsAward_ToAForgottenMember_IsRefused_WithTheErrorCode()
    {
        using var cli = demo.NewRun();
        await cli.RunExpectingAsync(0, "members", "forget", "member-005");

        var result = await cli.RunExpectingAsync(1, "points", "award", "member-005", "10", "--key", "k-9");

        Assert.Equal("error: MemberNotFound (field: memberId): Member 'member-005' was not found.\n", result.Error);
    }

    [Fact]
    public async Task Expire_AsOfADate_RunsTheJob_AndASecondRunChangesNothing()
    {
        using var cli = demo.NewRun();
        cli.Clock.Set(NodaTime.Instant.FromUtc(2026, 8, 3, 9, 0));

        var first = await cli.RunExpectingAsync(0, "expire", "--as-of", "2026-07-31");
        var second = await cli.RunExpectingAsync(0, "expire", "--as-of", "2026-07-31");

        Approvals.Verify(first.Output, "expire.approved.txt");
        Assert.StartsWith("Maintenance as of 2026-08-01 00:00 (Europe/London): 0 members had work due.\n", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expire_WithoutAsOf_RunsAsOfNow_AndRefusesTheFuture()
    {
        using var cli = demo.NewRun();

        var now = await cli.RunExpectingAsync(0, "expire");
        var today = await cli.RunExpectingAsync(0, "expire", "--as-of", "2026-04-06");
        var future = await cli.RunExpectingAsync(1, "expire", "--as-of", "2026-04-07");
        var futureInstant = await cli.RunExpectingAsync(1, "expire", "--as-of", "2026-04-06T09:00:00Z");

        Assert.StartsWith("Maintenance as of 2026-04-06 09:00 (Europe/London): ", now.Output, StringComparison.Ordinal);
        Assert.StartsWith("Maintenance as of 2026-04-06 09:00 (Europe/London): 0 members", today.Output, StringComparison.Ordinal);
        Assert.Equal("error: --as-of 2026-04-07 is in the future (it is 2026-04-06 09:00 in Europe/London): points expire only once their time has come.\n", future.Error);
        Assert.StartsWith("error: --as-of 2026-04-06T09:00:00Z is in the future", futureInstant.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_WritesOneJsonLinePerMember_ToStandardOutputOrAFile()
    {
        using var cli = demo.NewRun();

        var stdout = await cli.RunExpectingAsync(0, "snapshot");
        var file = await cli.RunExpectingAsync(0, "snapshot", "--out", "feed.jsonl");

        var lines = stdout.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(60, lines.Length);
        Assert.All(lines, line => Assert.True(JsonDocument.Parse(line).RootElement.TryGetProperty("customer_id", out _)));
        Assert.Equal("Wrote 60 snapshots to feed.jsonl.\n", file.Output);
        Assert.Equal(lines, await File.ReadAllLinesAsync(cli.Path("feed.jsonl"), TestContext.Current.CancellationToken));
        Approvals.Verify(string.Join('\n', lines.Take(3)) + "\n", "snapshot-head.approved.jsonl");
    }

    [Fact]
    public async Task Postgres_UnreachableServer_ExitsOne_WithStoreUnavailable_AndNeverShowsThePassword()
    {
        using var cli = demo.NewRun();

        var result = await cli.RunExpectingAsync(1, "members", "show", "member-001", "--postgres", "Host=127.0.0.1;Port=1;Timeout=3;Username=loyalty;Password=secret");

        Assert.StartsWith("error: StoreUnavailable", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherDatabaseOrProgram_IsChosenWithGlobalOptions_BeforeOrAfterTheCommand()
    {
        using var cli = demo.NewRun();
        File.Move(cli.Path("loyalty.db"), cli.Path("shop.db"));

        var before = await cli.RunExpectingAsync(0, "--db", "shop.db", "members", "show", "member-001");
        var after = await cli.RunExpectingAsync(0, "members", "show", "member-001", "--db", "shop.db");
        var otherProgram = await cli.RunExpectingAsync(1, "members", "show", "member-001", "--db", "shop.db", "--program", "other");

        Assert.Equal(before.Output, after.Output);
        Assert.Contains("MemberNotFound", otherProgram.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileThatIsNotADatabase_FailsWithTheStoreError_AndNoStackTrace()
    {
        using var cli = demo.NewRun();
        await File.WriteAllTextAsync(cli.Path("notes.txt"), "just some text that is long enough to look like a header of a file", TestContext.Current.CancellationToken);

        var result = await cli.RunExpectingAsync(1, "members", "show", "member-001", "--db", "notes.txt");

        Assert.StartsWith($"error: StoreSchemaMismatch: The file '{cli.Path("notes.txt")}' is not a SQLite database", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("\n   at ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
