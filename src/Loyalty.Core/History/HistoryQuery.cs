namespace Loyalty.History;

/// <summary>A page request for a member's history.</summary>
public sealed class HistoryQuery
{
    /// <summary>Gets or sets the page size, 1 to 500. The default value is 100.</summary>
    public int Limit { get; set; } = 100;

    /// <summary>Gets or sets the cursor returned by the previous page.</summary>
    public string? Cursor { get; set; }

    /// <summary>Gets or sets a value indicating whether only ledger entries are listed.</summary>
    public bool LedgerOnly { get; set; }
}
