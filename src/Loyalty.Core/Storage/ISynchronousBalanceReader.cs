using Loyalty.Ledger;

namespace Loyalty.Storage;

/// <summary>
/// An optional capability of stores that hold balances in memory: the engine's hot balance read uses it to answer without
/// an asynchronous call. Stores doing I/O do not implement it.
/// </summary>
public interface ISynchronousBalanceReader
{
    /// <summary>Reads a balance if the member exists.</summary>
    /// <param name="programId">The program.</param>
    /// <param name="memberId">The member.</param>
    /// <param name="account">The account.</param>
    /// <param name="balance">The balance (zero for an unused account).</param>
    /// <returns><see langword="false"/> when the member does not exist.</returns>
    bool TryGetBalance(ProgramId programId, MemberId memberId, AccountName account, out PointsBalance balance);
}
