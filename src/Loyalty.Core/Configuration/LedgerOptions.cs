using Loyalty.Ledger;
using NodaTime;

namespace Loyalty.Configuration;

/// <summary>Points ledger settings.</summary>
public sealed class LedgerOptions
{
    /// <summary>
    /// Gets the point accounts members have. <c>points</c> is always present; add others such as
    /// <c>status_credits</c>.
    /// </summary>
    public ISet<string> Accounts { get; } = new HashSet<string>(StringComparer.Ordinal) { AccountName.Default.Value };

    /// <summary>
    /// Gets or sets the largest single award.
    /// <value>The default value is 1,000,000 points.</value>
    /// </summary>
    public long MaxAward { get; set; } = 1_000_000;

    /// <summary>
    /// Gets or sets a value indicating whether deductions and reversals may take more than the spendable points,
    /// recording a debt that the next earns pay first.
    /// <value>The default value is <see langword="false"/>.</value>
    /// </summary>
    public bool AllowDebt { get; set; }

    /// <summary>
    /// Gets or sets how earned points expire.
    /// <value>The default value is <see cref="ExpiryPolicy.Never"/>.</value>
    /// </summary>
    public ExpiryPolicy Expiry { get; set; } = ExpiryPolicy.Never;

    /// <summary>
    /// Gets or sets how long pending earns wait before the maintenance job approves them (a return window);
    /// <see langword="null"/> keeps them pending until approved or voided explicitly.
    /// <value>The default value is <see langword="null"/>.</value>
    /// </summary>
    public Duration? PendingPeriod { get; set; }

    /// <summary>
    /// Gets or sets how long a reservation may stay open before the maintenance job releases it.
    /// <value>The default value is 30 minutes.</value>
    /// </summary>
    public Duration ReservationTimeout { get; set; } = Duration.FromMinutes(30);

    /// <summary>
    /// Gets or sets a value indicating whether a hosted background service runs <c>RunMaintenanceAsync</c> for the program
    /// every <see cref="MaintenanceInterval"/> (in hosts that run hosted services).
    /// <value>The default value is <see langword="true"/>.</value>
    /// </summary>
    public bool BackgroundMaintenance { get; set; } = true;

    /// <summary>
    /// Gets or sets how often the hosted maintenance service runs expiry, approvals, releases and tier reviews.
    /// <value>The default value is 1 hour.</value>
    /// </summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromHours(1);
}
