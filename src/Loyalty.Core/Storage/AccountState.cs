using Loyalty.Ledger;

namespace Loyalty.Storage;

/// <summary>A member's account as a write needs it: the balance and the open lots.</summary>
/// <param name="Balance">The stored balance.</param>
/// <param name="OpenLots">Lots with points remaining, in any order (the engine sorts them).</param>
public sealed record AccountState(PointsBalance Balance, IReadOnlyList<Lot> OpenLots);
