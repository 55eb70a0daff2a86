using NodaTime;

namespace Loyalty.StoreContract;

/// <summary>A settable clock for tests: time moves only when told to.</summary>
public sealed class FakeClock(Instant now) : IClock
{
    private readonly object _gate = new();
    private Instant _now = now;

    /// <summary>Creates a clock at a UTC date and time.</summary>
    public static FakeClock AtUtc(int year, int month, int day, int hour = 12, int minute = 0) =>
        new(Instant.FromUtc(year, month, day, hour, minute));

    public Instant GetCurrentInstant()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(Duration duration)
    {
        lock (_gate)
        {
            _now += duration;
        }
    }

    public void AdvanceDays(int days) => Advance(Duration.FromDays(days));

    public void Set(Instant instant)
    {
        lock (_gate)
        {
            _now = instant;
        }
    }
}
