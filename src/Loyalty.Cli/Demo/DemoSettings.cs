using NodaTime;

namespace Loyalty.Cli.Demo;

/// <summary>What the demo simulates: how many members, for how long, from which seed.</summary>
/// <param name="Seed">The random seed: the same seed (and sizes) gives the same database and output.</param>
/// <param name="Members">How many people join, enrolled members and guests together.</param>
/// <param name="Months">How many months of activity to simulate.</param>
internal sealed record DemoSettings(int Seed, int Members, int Months)
{
    /// <summary>The default seed.</summary>
    public const int DefaultSeed = 42;

    /// <summary>The default number of members.</summary>
    public const int DefaultMembers = 300;

    /// <summary>The default number of months.</summary>
    public const int DefaultMonths = 9;

    /// <summary>Gets the first simulated instant: Monday 5 January 2026, 08:00 in London.</summary>
    public static Instant Start { get; } = Instant.FromUtc(2026, 1, 5, 8, 0);

    /// <summary>Gets the instant the simulation stops.</summary>
    public Instant End => Start.InUtc().LocalDateTime.PlusMonths(Months).InUtc().ToInstant();

    /// <summary>Gets the number of simulated days.</summary>
    public int Days => (int)(End - Start).TotalDays;
}
