namespace Loyalty.Cli.Tests;

/// <summary>
/// One small demo database (60 members, 3 months: 2026-01-05 to 2026-04-05), made once and copied into each test's
/// folder, for the tests of the other commands; they run the morning after the demo ends.
/// </summary>
public sealed class DemoDatabaseFixture : IAsyncLifetime
{
    /// <summary>The morning after the demo ends.</summary>
    public static readonly NodaTime.Instant DayAfter = NodaTime.Instant.FromUtc(2026, 4, 6, 8, 0);

    private readonly CliRun _source = new();

    public async ValueTask InitializeAsync()
    {
        await _source.RunExpectingAsync(0, "demo", "--members", "60", "--months", "3", "--seed", "7");
    }

    /// <summary>A new run in its own folder, with its own copy of the demo database as loyalty.db.</summary>
    internal CliRun NewRun()
    {
        var run = new CliRun();
        File.Copy(_source.Path("loyalty.db"), run.Path("loyalty.db"));
        run.Clock.Set(DayAfter);
        return run;
    }

    public ValueTask DisposeAsync()
    {
        _source.Dispose();
        return ValueTask.CompletedTask;
    }
}
