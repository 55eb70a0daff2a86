using NodaTime;

namespace Loyalty.Cli.Demo;

/// <summary>The demo's simulated time: it moves only when the simulation moves it.</summary>
/// <param name="start">The first instant.</param>
internal sealed class DemoClock(Instant start) : IClock
{
    /// <summary>Gets or sets the simulated instant.</summary>
    public Instant Now { get; set; } = start;

    public Instant GetCurrentInstant() => Now;
}
