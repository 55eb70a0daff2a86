using Loyalty.Ledger;
using Loyalty.Members;
using NodaTime;

namespace Loyalty.Storage;

/// <summary>What the snapshot feed needs of one member, read in one pass by the store.</summary>
/// <param name="Member">The member.</param>
/// <param name="Balance">The balance of the snapshot's account (zero when the member has none).</param>
/// <param name="NextExpiryOn">The soonest <see cref="Lot.ExpiresOn"/> among open lots with available points.</param>
/// <param name="NextExpiryPoints">The available points of the open lots expiring on <paramref name="NextExpiryOn"/>.</param>
public sealed record SnapshotRow(Member Member, PointsBalance Balance, LocalDate? NextExpiryOn, long NextExpiryPoints);
