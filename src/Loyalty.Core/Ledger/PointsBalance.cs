namespace Loyalty.Ledger;

/// <summary>
/// The balances of one point account. <c>Spendable = Earned − Spent − Reserved − Expired − Deducted</c>; when a program
/// lets deductions overdraw, the shortfall is <see cref="Debt"/> and <see cref="Spendable"/> stays at zero.
/// </summary>
public readonly struct PointsBalance : IEquatable<PointsBalance>
{
    /// <summary>Creates a balance.</summary>
    /// <param name="earned">Approved points, net of reversals (lifetime).</param>
    /// <param name="pending">Points held, not yet approved.</param>
    /// <param name="reserved">Points reserved at checkout.</param>
    /// <param name="spent">Points spent.</param>
    /// <param name="expired">Points expired.</param>
    /// <param name="deducted">Points deducted by operators.</param>
    public PointsBalance(long earned, long pending, long reserved, long spent, long expired, long deducted)
    {
        Earned = earned;
        Pending = pending;
        Reserved = reserved;
        Spent = spent;
        Expired = expired;
        Deducted = deducted;
    }

    /// <summary>Gets approved points, net of reversals.</summary>
    public long Earned { get; }

    /// <summary>Gets points held, not yet approved.</summary>
    public long Pending { get; }

    /// <summary>Gets points reserved at checkout.</summary>
    public long Reserved { get; }

    /// <summary>Gets points spent.</summary>
    public long Spent { get; }

    /// <summary>Gets points expired.</summary>
    public long Expired { get; }

    /// <summary>Gets points deducted by operators.</summary>
    public long Deducted { get; }

    /// <summary>Gets lifetime points (equal to <see cref="Earned"/>).</summary>
    public long Lifetime => Earned;

    /// <summary>Gets the points that may be spent or reserved now (never negative).</summary>
    public long Spendable => Math.Max(0, Net);

    /// <summary>Gets the points owed after an allowed overdraw; paid from the next earns.</summary>
    public long Debt => Math.Max(0, -Net);

    private long Net => checked(Earned - Spent - Reserved - Expired - Deducted);

    /// <summary>Compares two balances for equality.</summary>
    public static bool operator ==(PointsBalance left, PointsBalance right) => left.Equals(right);

    /// <summary>Compares two balances for inequality.</summary>
    public static bool operator !=(PointsBalance left, PointsBalance right) => !left.Equals(right);

    /// <summary>Returns a copy with some values changed.</summary>
    /// <param name="earned">Change to earned.</param>
    /// <param name="pending">Change to pending.</param>
    /// <param name="reserved">Change to reserved.</param>
    /// <param name="spent">Change to spent.</param>
    /// <param name="expired">Change to expired.</param>
    /// <param name="deducted">Change to deducted.</param>
    /// <returns>The new balance.</returns>
    public PointsBalance Add(long earned = 0, long pending = 0, long reserved = 0, long spent = 0, long expired = 0, long deducted = 0) =>
        new(checked(Earned + earned), checked(Pending + pending), checked(Reserved + reserved), checked(Spent + spent), checked(Expired + expired), checked(Deducted + deducted));

    /// <inheritdoc />
    public bool Equals(PointsBalance other) =>
        Earned == other.Earned && Pending == other.Pending && Reserved == other.Reserved && Spent == other.Spent && Expired == other.Expired && Deducted == other.Deducted;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PointsBalance other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Earned, Pending, Reserved, Spent, Expired, Deducted);

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"spendable {Spendable} (earned {Earned}, pending {Pending}, reserved {Reserved}, spent {Spent}, expired {Expired}, deducted {Deducted}, debt {Debt})");
}
