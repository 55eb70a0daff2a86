namespace Loyalty.Cli.Demo;

/// <summary>What the simulation did that the store does not total by itself, for the demo's summary.</summary>
internal sealed class DemoStatistics
{
    public int Purchases { get; set; }

    public int HeldPurchases { get; set; }

    public int Rewards { get; set; }

    public int CheckoutsPaid { get; set; }

    public int CheckoutsAbandoned { get; set; }

    public int ReservationsTimedOut { get; set; }

    public int StatusChanges { get; set; }

    public int MaintenanceRuns { get; set; }
}
