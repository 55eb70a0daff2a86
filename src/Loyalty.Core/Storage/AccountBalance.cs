using Loyalty.Ledger;

namespace Loyalty.Storage;

/// <summary>The stored balance of one account of a member.</summary>
/// <param name="Account">The account.</param>
/// <param name="Balance">The balance.</param>
public readonly record struct AccountBalance(AccountName Account, PointsBalance Balance);
