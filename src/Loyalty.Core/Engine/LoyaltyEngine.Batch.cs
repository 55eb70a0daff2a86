using Loyalty.Ledger;
using Loyalty.Members;
using Loyalty.Storage;

namespace Loyalty.Engine;

internal sealed partial class LoyaltyEngine
{
    private const int BatchChunkSize = 1000;

    public async Task<BatchResult> AwardBatchAsync(IReadOnlyList<AwardPoints> awards, IProgress<BatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(awards);
        var items = await RunBatchAsync(
            "award_batch",
            awards,
            (request, index) =>
            {
                ArgumentNullException.ThrowIfNull(request, $"awards[{index}]");
                var award = PrepareAward(request);
                return new BatchRow<IdempotentDecision<PreparedAward>>(
                    request.MemberId,
                    request.IdempotencyKey,
                    new IdempotentDecision<PreparedAward>(request.IdempotencyKey, award.Fingerprint, award, static (write, award) => award.Engine.DecideAwardAsync(write, award)));
            },
            static (write, decision) => DecideIdempotentAsync(write, decision),
            (index, result) => new BatchItemResult(index, result, null),
            (index, error) => new BatchItemResult(index, null, error),
            item => item.Error is not null,
            progress,
            cancellationToken).ConfigureAwait(false);
        return new BatchResult(items);
    }

    public async Task<ImportResult> ImportMembersAsync(IReadOnlyList<MemberImport> rows, IProgress<BatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var results = await RunBatchAsync(
            "import",
            rows,
            (row, index) =>
            {
                ArgumentNullException.ThrowIfNull(row, $"rows[{index}]");
                if (row.Member.Id is null)
                {
                    throw Errors.Validation("memberId", "is required in an import, so that a rerun recognizes rows already imported");
                }

                if (row.OpeningPoints < 0 || row.OpeningPoints > _settings.MaxAward)
                {
                    throw Errors.InvalidAmount("openingPoints", $"must be between 0 and {_settings.MaxAward} (was {row.OpeningPoints})");
                }

                var verify = row.Member.RequireVerification ?? _settings.RequireVerification;
                var (member, actor) = ValidateNewMember(row.Member, verify ? MemberStatus.Pending : MemberStatus.Active);
                return new BatchRow<ImportRow>(member.Id, null, new ImportRow(this, member, actor, MemberValidator.Reason(row.Reason), row.OpeningPoints));
            },
            static (write, row) => row.Engine.DecideImportAsync(write, row),
            (index, outcome) => new ImportRowResult(index, outcome, null),
            (index, error) => new ImportRowResult(index, ImportOutcome.Rejected, error),
            item => item.Outcome == ImportOutcome.Rejected,
            progress,
            cancellationToken).ConfigureAwait(false);
        return new ImportResult(results);
    }

    /// <summary>
    /// Runs a batch in chunks: each request is validated first (a bad one is reported and skipped), then each chunk runs in
    /// one store transaction with its members locked in identifier order (so concurrent batches cannot deadlock); each
    /// request is decided and applied on its own (a refused request writes nothing and does not stop the others), and the
    /// chunk commits together. A transient store failure retries the whole chunk.
    /// </summary>
    private async Task<TItem[]> RunBatchAsync<TRequest, TRow, TValue, TItem>(
        string operation,
        IReadOnlyList<TRequest> requests,
        Func<TRequest, int, BatchRow<TRow>> prepare,
        Func<MemberWrite, TRow, ValueTask<TValue>> decide,
        Func<int, TValue, TItem> succeeded,
        Func<int, LoyaltyException, TItem> failed,
        Func<TItem, bool> isFailure,
        IProgress<BatchProgress>? progress,
        CancellationToken cancellationToken)
    {
        var items = new TItem[requests.Count];
        var failures = 0;
        for (var start = 0; start < requests.Count; start += BatchChunkSize)
        {
            var end = Math.Min(start + BatchChunkSize, requests.Count);
            var prepared = new List<(int Index, BatchRow<TRow> Row)>(end - start);
            for (var i = start; i < end; i++)
            {
                try
                {
                    prepared.Add((i, prepare(requests[i], i)));
                }
                catch (LoyaltyException ex)
                {
                    items[i] = failed(i, ex);
                }
            }

            var decided = await RetryAsync(operation, prepared.Count > 0 ? prepared[0].Row.MemberId : default, async () =>
            {
                var outcomes = new List<(int Index, TItem Item)>(prepared.Count);
                var transaction = await _store.BeginTransactionAsync(_settings.ProgramId, StoreTransactionMode.IsolatedChangeSets, cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    foreach (var memberId in prepared.Select(p => p.Row.MemberId).Distinct().Order())
                    {
                        await transaction.LockMemberAsync(memberId, null, cancellationToken).ConfigureAwait(false);
                    }

                    foreach (var (index, row) in prepared)
                    {
                        try
                        {
                            var value = await DecideAndApplyAsync(transaction, row.MemberId, row.Key, row.State, decide, cancellationToken).ConfigureAwait(false);
                            outcomes.Add((index, succeeded(index, value)));
                        }
                        catch (LoyaltyException ex) when (!ex.IsTransient)
                        {
                            outcomes.Add((index, failed(index, ex)));
                        }
                    }

                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }

                return outcomes;
            }, cancellationToken).ConfigureAwait(false);

            foreach (var (index, item) in decided)
            {
                items[index] = item;
            }

            for (var i = start; i < end; i++)
            {
                failures += isFailure(items[i]) ? 1 : 0;
            }

            progress?.Report(new BatchProgress(end, requests.Count, failures));
        }

        return items;
    }

    private async ValueTask<ImportOutcome> DecideImportAsync(MemberWrite write, ImportRow row)
    {
        if (write.Member is not null)
        {
            return ImportOutcome.Unchanged;
        }

        var member = row.Member;
        CreateMember(write, member, row.Actor);
        if (row.OpeningPoints > 0)
        {
            var award = new AwardPoints(member.Id, row.OpeningPoints, $"import:{member.Id}:opening") { Reason = row.Reason, Actor = row.Actor };
            await DecideAwardAsync(write, new PreparedAward(this, award, AccountName.Default, row.Reason, row.Actor, Fingerprint: string.Empty)).ConfigureAwait(false);
        }

        return ImportOutcome.Imported;
    }

    /// <summary>One validated request of a batch: the member it locks, its idempotency key and the input of its decision.</summary>
    private readonly record struct BatchRow<TRow>(MemberId MemberId, IdempotencyKey? Key, TRow State);

    /// <summary>A validated import row: the new member, the actor and reason of its creation, and its opening points.</summary>
    private readonly record struct ImportRow(LoyaltyEngine Engine, Member Member, string Actor, string? Reason, long OpeningPoints);
}
