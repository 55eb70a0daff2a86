namespace Loyalty.Ledger;

/// <summary>What a member's status may allow on the ledger.</summary>
internal enum LedgerAction
{
    /// <summary>Earn points (held as pending before enrollment).</summary>
    Earn,

    /// <summary>Have pending points approved.</summary>
    Approve,

    /// <summary>Spend, reserve, commit a reservation, claim.</summary>
    Spend,

    /// <summary>Operator corrections: deductions and reversals.</summary>
    Correct,
}
