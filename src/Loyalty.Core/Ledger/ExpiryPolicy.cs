using NodaTime;

namespace Loyalty.Ledger;

/// <summary>
/// How earned points expire. Dates are local dates in the program's time zone: a lot's <c>ExpiresOn</c> is the last day
/// its points are valid, and they expire at the start of the next day there, so a DST change never moves an expiry.
/// </summary>
public sealed class ExpiryPolicy
{
    private ExpiryPolicy(ExpiryPolicyKind kind, Period? lifetime, int inactivityDays, AnnualDate resetDate)
    {
        Kind = kind;
        Lifetime = lifetime;
        InactivityDays = inactivityDays;
        ResetDate = resetDate;
    }

    /// <summary>Gets the policy under which points never expire.</summary>
    public static ExpiryPolicy Never { get; } = new(ExpiryPolicyKind.Never, null, 0, default);

    /// <summary>Gets the kind of policy.</summary>
    public ExpiryPolicyKind Kind { get; }

    /// <summary>Gets, for <see cref="ExpiryPolicyKind.FixedLifetime"/>, the lifetime of a lot.</summary>
    public Period? Lifetime { get; }

    /// <summary>Gets, for <see cref="ExpiryPolicyKind.RollingInactivity"/>, the days without earning after which points expire.</summary>
    public int InactivityDays { get; }

    /// <summary>Gets, for <see cref="ExpiryPolicyKind.CalendarReset"/>, the yearly date at whose end all points expire.</summary>
    public AnnualDate ResetDate { get; }

    /// <summary>
    /// Each lot is valid until the local date it was earned plus <paramref name="lifetime"/> (inclusive): points earned on
    /// 15 March with a 12-month lifetime are valid through 15 March of the next year.
    /// </summary>
    /// <param name="lifetime">A positive period of days, weeks, months or years.</param>
    /// <returns>The policy.</returns>
    public static ExpiryPolicy FixedLifetime(Period lifetime)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        return new(ExpiryPolicyKind.FixedLifetime, lifetime.Normalize(), 0, default);
    }

    /// <summary>All points are valid until <paramref name="days"/> days after the local date of the last earn (inclusive).</summary>
    /// <param name="days">A positive number of days.</param>
    /// <returns>The policy.</returns>
    public static ExpiryPolicy RollingInactivity(int days) => new(ExpiryPolicyKind.RollingInactivity, null, days, default);

    /// <summary>All points are valid through the next occurrence of <paramref name="resetDate"/> on or after the day they were earned.</summary>
    /// <param name="resetDate">The yearly reset date, for example <c>new AnnualDate(12, 31)</c>.</param>
    /// <returns>The policy.</returns>
    public static ExpiryPolicy CalendarReset(AnnualDate resetDate) => new(ExpiryPolicyKind.CalendarReset, null, 0, resetDate);

    /// <summary>Computes the last valid local date of points earned (or last extended) on <paramref name="earnedOn"/>.</summary>
    /// <param name="earnedOn">The local date of the earn.</param>
    /// <returns>The last valid date, or <see langword="null"/> when points never expire.</returns>
    public LocalDate? ExpiresOn(LocalDate earnedOn) => Kind switch
    {
        ExpiryPolicyKind.FixedLifetime => earnedOn + Lifetime!,
        ExpiryPolicyKind.RollingInactivity => earnedOn.PlusDays(InactivityDays),
        ExpiryPolicyKind.CalendarReset => NextReset(earnedOn),
        _ => null,
    };

    /// <summary>Gets the next reset date on or after a date, for <see cref="ExpiryPolicyKind.CalendarReset"/>.</summary>
    /// <param name="date">The date.</param>
    /// <returns>The reset date, or <see langword="null"/> for other policies.</returns>
    public LocalDate? NextReset(LocalDate date)
    {
        if (Kind != ExpiryPolicyKind.CalendarReset)
        {
            return null;
        }

        var thisYear = ResetDate.InYear(date.Year);
        return thisYear >= date ? thisYear : ResetDate.InYear(date.Year + 1);
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        ExpiryPolicyKind.FixedLifetime => $"fixed lifetime of {Lifetime}",
        ExpiryPolicyKind.RollingInactivity => $"after {InactivityDays} days without earning",
        ExpiryPolicyKind.CalendarReset => $"at the end of {ResetDate} each year",
        _ => "never",
    };
}
