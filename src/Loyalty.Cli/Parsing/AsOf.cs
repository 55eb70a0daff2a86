using NodaTime;
using NodaTime.Text;

namespace Loyalty.Cli.Parsing;

/// <summary>The <c>--as-of</c> of a maintenance run: the end of a local date in the program's zone, or an exact instant.</summary>
internal readonly record struct AsOf
{
    private AsOf(LocalDate? date, Instant? instant)
    {
        Date = date;
        Instant = instant;
    }

    /// <summary>Gets the local date, when a date was given.</summary>
    public LocalDate? Date { get; }

    /// <summary>Gets the instant, when an instant was given.</summary>
    public Instant? Instant { get; }

    /// <summary>Parses <c>yyyy-MM-dd</c> or an ISO 8601 UTC instant (<c>2026-12-31T23:00:00Z</c>).</summary>
    /// <param name="text">The text.</param>
    /// <param name="asOf">The value when the text is valid.</param>
    /// <returns><see langword="true"/> when the text is valid.</returns>
    public static bool TryParse(string text, out AsOf asOf)
    {
        if (LocalDatePattern.Iso.Parse(text) is { Success: true } date)
        {
            asOf = new AsOf(date.Value, null);
            return true;
        }

        if (InstantPattern.ExtendedIso.Parse(text) is { Success: true } instant)
        {
            asOf = new AsOf(null, instant.Value);
            return true;
        }

        asOf = default;
        return false;
    }

    /// <summary>
    /// The instant the run processes work up to: for an earlier date, the end of that date in the zone (the start of the
    /// next day); for today, now; for an instant, that instant. <see langword="null"/> when that lies in the future.
    /// </summary>
    /// <param name="zone">The program's time zone.</param>
    /// <param name="now">The current instant.</param>
    /// <returns>The instant, or <see langword="null"/> for a date or instant in the future.</returns>
    public Instant? Resolve(DateTimeZone zone, Instant now)
    {
        var resolved = Date is { } date ? zone.AtStartOfDay(date.PlusDays(1)).ToInstant() : Instant.GetValueOrDefault();
        if (Date == now.InZone(zone).Date)
        {
            return now;
        }

        return resolved <= now ? resolved : null;
    }

    public override string ToString() => Date is { } date ? LocalDatePattern.Iso.Format(date) : InstantPattern.ExtendedIso.Format(Instant.GetValueOrDefault());
}
