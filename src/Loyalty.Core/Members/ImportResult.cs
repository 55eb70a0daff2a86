namespace Loyalty.Members;

/// <summary>What happened to one row of a bulk import.</summary>
public enum ImportOutcome
{
    /// <summary>The member was enrolled (with their opening points).</summary>
    Imported = 1,

    /// <summary>A member with this identifier already exists: nothing was written (a rerun of the same file).</summary>
    Unchanged = 2,

    /// <summary>The row was refused; nothing of it was written.</summary>
    Rejected = 3,
}

/// <summary>The outcome of one import row.</summary>
/// <param name="Index">The row's position in the import.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Error">Why the row was refused, when <see cref="ImportOutcome.Rejected"/>.</param>
public sealed record ImportRowResult(int Index, ImportOutcome Outcome, LoyaltyException? Error);

/// <summary>The outcome of a bulk import, one item per row in order.</summary>
/// <param name="Rows">The per-row outcomes.</param>
public sealed record ImportResult(IReadOnlyList<ImportRowResult> Rows)
{
    /// <summary>Gets the number of rows imported.</summary>
    public int Imported => Rows.Count(r => r.Outcome == ImportOutcome.Imported);

    /// <summary>Gets the number of rows already present.</summary>
    public int Unchanged => Rows.Count(r => r.Outcome == ImportOutcome.Unchanged);

    /// <summary>Gets the number of rows refused.</summary>
    public int Rejected => Rows.Count(r => r.Outcome == ImportOutcome.Rejected);
}
