using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Loyalty.Members;
using Loyalty.Snapshots;
using Loyalty.Storage;
using Loyalty.Tiers;

namespace Loyalty.Engine;

internal sealed partial class LoyaltyEngine
{
    private const int FeedBlockSize = 64 * 1024;

    public async ValueTask<LoyaltySnapshot> GetSnapshotAsync(MemberId memberId, CancellationToken cancellationToken = default)
    {
        var member = await GetMemberAsync(memberId, cancellationToken).ConfigureAwait(false);
        var balance = await GetBalanceAsync(memberId, AccountName.Default, cancellationToken).ConfigureAwait(false);
        var expiring = await GetExpiringPointsAsync(memberId, AccountName.Default, cancellationToken).ConfigureAwait(false);
        var row = new SnapshotRow(member, balance, expiring.NextExpiryDate, expiring.NextExpiryPoints);
        return await SnapshotAsync(row, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<LoyaltySnapshot> StreamSnapshotsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var row in _store.StreamSnapshotRowsAsync(_settings.ProgramId, AccountName.Default, cancellationToken).ConfigureAwait(false))
        {
            if (row.Member.Status != MemberStatus.OptedOut)
            {
                yield return await SnapshotAsync(row, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<int> WriteSnapshotFeedAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var count = 0;

        // Lines gather in memory and go to the stream in blocks (written and flushed), not member by member.
        var buffer = new ArrayBufferWriter<byte>(FeedBlockSize + 4096);
        var writer = new Utf8JsonWriter(buffer);
        await using (writer.ConfigureAwait(false))
        {
            await foreach (var snapshot in StreamSnapshotsAsync(cancellationToken).ConfigureAwait(false))
            {
                SnapshotJsonLines.Write(writer, snapshot);
                writer.Flush();
                writer.Reset();
                buffer.GetSpan(1)[0] = (byte)'\n';
                buffer.Advance(1);
                count++;
                if (buffer.WrittenCount >= FeedBlockSize)
                {
                    await destination.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                    await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
                    buffer.ResetWrittenCount();
                }
            }
        }

        await destination.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    private async ValueTask<LoyaltySnapshot> SnapshotAsync(SnapshotRow row, CancellationToken cancellationToken)
    {
        var member = row.Member;
        var tier = member.IsEnrolled ? _settings.Tiers.IsEmpty ? null : _settings.Tiers.Find(member.Tier) ?? _settings.Tiers.Base : null;
        TierLevel? next = null;
        long? toNext = null;
        if (tier is not null && _settings.Tiers.Next(tier) is { } nextTier)
        {
            next = nextTier;
            var metric = _settings.TierMetric == TierMetric.LifetimePoints && _settings.TierAccount.Equals(AccountName.Default)
                ? row.Balance.Earned
                : await ReadTierMetricAsync(member.Id, cancellationToken).ConfigureAwait(false);
            toNext = Math.Max(0, nextTier.Threshold - metric);
        }

        return new LoyaltySnapshot
        {
            MemberId = member.Id,
            IsMember = member.Status is MemberStatus.Pending or MemberStatus.Active or MemberStatus.Suspended,
            Tier = tier?.Name,
            PointsBalance = row.Balance.Spendable,
            PointsToNextTier = toNext,
            NextTier = next?.Name,
            TierBenefits = tier?.Benefits ?? [],
            PointsExpirationDate = row.NextExpiryOn,
            PointsExpiring = row.NextExpiryOn is null ? 0 : row.NextExpiryPoints,
            MemberSince = member.EnrolledAt is { } enrolled ? _settings.LocalDate(enrolled) : null,
            LifetimePoints = row.Balance.Earned,
        };
    }
}
