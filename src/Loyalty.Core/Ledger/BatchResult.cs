namespace Loyalty.Ledger;

/// <summary>The outcome of a batch write: one item per request, in request order.</summary>
/// <param name="Items">The per-request outcomes.</param>
public sealed record BatchResult(IReadOnlyList<BatchItemResult> Items)
{
    /// <summary>Gets the number of requests that succeeded (including idempotent replays).</summary>
    public int Succeeded => Items.Count(i => i.Error is null);

    /// <summary>Gets the number of requests that were refused.</summary>
    public int Failed => Items.Count(i => i.Error is not null);
}

/// <summary>The outcome of one request of a batch: a result, or the error that refused it (nothing of it was written).</summary>
/// <param name="Index">The request's position in the batch.</param>
/// <param name="Result">The result, when the request succeeded.</param>
/// <param name="Error">The error, when the request was refused.</param>
public sealed record BatchItemResult(int Index, LedgerResult? Result, LoyaltyException? Error);

/// <summary>Progress of a batch write.</summary>
/// <param name="Processed">Requests processed so far.</param>
/// <param name="Total">Requests in the batch.</param>
/// <param name="Failed">Requests refused so far.</param>
public readonly record struct BatchProgress(int Processed, int Total, int Failed);
