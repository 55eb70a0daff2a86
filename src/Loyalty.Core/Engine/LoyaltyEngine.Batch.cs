using Loyalty.Ledger;

namespace Loyalty.Engine;

internal sealed partial class LoyaltyEngine
{
    private const int BatchChunkSize = 1000;

    public async Task<BatchResult> AwardBatchAsync(IReadOnlyList<AwardPoints> awards, IProgress<BatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(awards);
        var items = new BatchItemResult[awards.Count];
        var failed = 0;
        for (var start = 0; start < awards.Count; start += BatchChunkSize)
        {
            var end = Math.Min(start + BatchChunkSize, awards.Count);
            var chunk = await AwardChunkAsync(awards, start, end, cancellationToken).ConfigureAwait(false);
            for (var i = start; i < end; i++)
            {
                items[i] = chunk[i - start];
                failed += items[i].Error is null ? 0 : 1;
            }

            progress?.Report(new BatchProgress(end, awards.Count, failed));
        }

        return new BatchResult(items);
    }

    /// <summary>
    /// Awards one chunk in one store transaction: members are locked in identifier order (so concurrent batches cannot
    /// deadlock), each request is decided and applied on its own (a refused request writes nothing and does not stop the
    /// others), and everything commits together. A transient store failure retries the whole chunk.
    /// </summary>
    private Task<BatchItemResult[]> AwardChunkAsync(IReadOnlyList<AwardPoints> awards, int start, int end, CancellationToken cancellationToken)
    {
        var items = new BatchItemResult?[end - start];
        var valid = new List<(int Index, AwardPoints Request, AccountName Account, string? Reason, string Actor, string Fingerprint)>();
        for (var i = start; i < end; i++)
        {
            var request = awards[i];
            try
            {
                ArgumentNullException.ThrowIfNull(request, $"awards[{i}]");
                var (account, reason, actor) = ValidateRequest(request);
                ValidateAward(request.Points);
                var fingerprint = RequestFingerprint.Of("award", request.MemberId, account, request.Points, request.Pending, reason, actor);
                valid.Add((i, request, account, reason, actor, fingerprint));
            }
            catch (LoyaltyException ex)
            {
                items[i - start] = new BatchItemResult(i, null, ex);
            }
        }

        return RetryAsync("award_batch", valid.Count > 0 ? valid[0].Request.MemberId : default, async () =>
        {
            var results = (BatchItemResult?[])items.Clone();
            var transaction = await _store.BeginTransactionAsync(_settings.ProgramId, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                foreach (var memberId in valid.Select(v => v.Request.MemberId).Distinct().Order())
                {
                    await transaction.LockMemberAsync(memberId, null, cancellationToken).ConfigureAwait(false);
                }

                foreach (var (index, request, account, reason, actor, fingerprint) in valid)
                {
                    try
                    {
                        var result = await DecideAndApplyAsync(
                            transaction,
                            request.MemberId,
                            request.IdempotencyKey,
                            write => DecideIdempotentAsync(write, request.IdempotencyKey, fingerprint, w => DecideAwardAsync(w, request, account, reason, actor)),
                            cancellationToken).ConfigureAwait(false);
                        results[index - start] = new BatchItemResult(index, result, null);
                    }
                    catch (LoyaltyException ex) when (!ex.IsTransient)
                    {
                        results[index - start] = new BatchItemResult(index, null, ex);
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return results.Select(r => r!).ToArray();
        }, cancellationToken);
    }
}
