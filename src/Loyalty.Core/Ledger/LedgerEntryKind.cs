namespace Loyalty.Ledger;

/// <summary>The kinds of ledger entry. Amounts are always positive; the kind says which balance moves.</summary>
public enum LedgerEntryKind
{
    /// <summary>Approved points: raises earned and opens a lot.</summary>
    Earn = 1,

    /// <summary>Points held (for example during a return window): raises pending.</summary>
    EarnPending = 2,

    /// <summary>Settles an <see cref="EarnPending"/>: moves pending to earned and opens a lot.</summary>
    Approve = 3,

    /// <summary>Settles an <see cref="EarnPending"/>: drops the pending points.</summary>
    Void = 4,

    /// <summary>Points held at checkout: raises reserved, pins lots.</summary>
    Reserve = 5,

    /// <summary>Settles a <see cref="Reserve"/>: the reserved points become spent.</summary>
    Commit = 6,

    /// <summary>Settles a <see cref="Reserve"/>: the reserved points become spendable again.</summary>
    Release = 7,

    /// <summary>A reward claim or direct redemption: raises spent.</summary>
    Spend = 8,

    /// <summary>An operator's removal: raises deducted.</summary>
    Deduct = 9,

    /// <summary>Points that reached their expiry: raises expired. One entry per account and expiry date each time lots expire; its allocations name the lots.</summary>
    Expire = 10,

    /// <summary>A refund of an earn: lowers earned, taking back from the earn's lot first.</summary>
    Reverse = 11,
}
