using System.Text.Json;
using Loyalty.Diagnostics;
using Loyalty.Events;
using Loyalty.History;
using Loyalty.Ledger;
using Loyalty.Members;
using Loyalty.Tiers;
using NodaTime;

namespace Loyalty.Engine;

internal sealed partial class LoyaltyEngine
{
    private const string TierUpgradeReason = "upgrade";
    private const string TierReviewReason = "review";

    public TierTable TierTable => _settings.Tiers;

    public async ValueTask<TierStatus> GetTierAsync(MemberId memberId, CancellationToken cancellationToken = default)
    {
        RequireTiers();
        var member = await GetMemberAsync(memberId, cancellationToken).ConfigureAwait(false);
        var metric = await ReadTierMetricAsync(member.Id, cancellationToken).ConfigureAwait(false);
        var tier = _settings.Tiers.Find(member.Tier) ?? _settings.Tiers.Base;
        var next = _settings.Tiers.Next(tier);
        return new TierStatus
        {
            Tier = tier,
            Since = member.TierSince,
            ReviewDate = member.TierReviewAt is { } reviewAt ? _settings.LocalDate(reviewAt) - _settings.TierGracePeriod : null,
            ValidUntil = member.TierReviewAt,
            Metric = metric,
            NextTier = next,
            PointsToNextTier = next is null ? null : Math.Max(0, next.Threshold - metric),
            PointsToKeepTier = tier.Rank == 0 ? null : Math.Max(0, tier.RetentionThreshold - metric),
            PinnedTier = member.PinnedTier,
            History = await TierHistoryAsync(member.Id, cancellationToken).ConfigureAwait(false),
        };
    }

    public Task<Member> PinTierAsync(MemberId memberId, string? tier, string? reason = null, string? actor = null, CancellationToken cancellationToken = default)
    {
        RequireTiers();
        RequireId(memberId);
        var level = tier is null ? null : _settings.Tiers.Find(tier)
            ?? throw new LoyaltyException(ErrorCode.UnknownTier, $"Tier '{tier}' is not in the tier table of program '{_settings.ProgramId}' ({string.Join(", ", _settings.Tiers.Levels)}).", "tier");
        var validReason = MemberValidator.Reason(reason);
        var validActor = MemberValidator.Actor(actor);
        return WriteAsync(memberId, null, write =>
        {
            var member = write.RequireMember();
            if (!member.IsEnrolled)
            {
                throw new LoyaltyException(ErrorCode.StatusNotAllowed, $"Member '{member.Id}' is {member.Status}; only enrolled members hold tiers.", "status");
            }

            write.AddActivity(new ActivityEntry
            {
                Sequence = write.NextSequence(),
                Kind = ActivityKind.TierPinned,
                OccurredAt = write.Now,
                Actor = validActor,
                Reason = validReason,
                FromTier = member.PinnedTier,
                ToTier = level?.Name,
            });
            write.SetMember(member with { PinnedTier = level?.Name, UpdatedAt = write.Now });
            var current = _settings.Tiers.Find(member.Tier) ?? _settings.Tiers.Base;
            if (level is not null && level.Rank > current.Rank)
            {
                ChangeTier(write, current, level, "pinned", validActor);
            }

            return new ValueTask<Member>(write.RequireMember());
        }, "pin_tier", cancellationToken);
    }

    /// <summary>
    /// After a write: gives a newly enrolled member the base tier, and upgrades at once when the write's earns lift the
    /// metric over a higher threshold. Runs inside the write's transaction, for a program with tiers.
    /// </summary>
    private async ValueTask ApplyTierUpgradeAsync(MemberWrite write)
    {
        if (write.Member is not { IsEnrolled: true } member || write.RenameTo is not null)
        {
            return;
        }

        var earned = write.Entries.Any(e => e.Account.Equals(_settings.TierAccount) && e.Kind is LedgerEntryKind.Earn or LedgerEntryKind.Approve);
        if (member.Tier is not null && !earned)
        {
            return;
        }

        var current = _settings.Tiers.Find(member.Tier);
        var qualified = Floor(_settings.Tiers.Evaluate(await TierMetricAsync(write).ConfigureAwait(false)), member.PinnedTier);
        if (current is null || qualified.Rank > current.Rank)
        {
            ChangeTier(write, current, qualified, current is null ? "enrolled" : TierUpgradeReason, "system");
        }
    }

    /// <summary>Reviews a member whose review is due: keeps the tier if the retention threshold is met, otherwise downgrades.</summary>
    private async ValueTask<int> ReviewTierAsync(MemberWrite write, Instant asOf)
    {
        if (_settings.Tiers.IsEmpty || write.Member is not { TierReviewAt: { } reviewAt } member || reviewAt > asOf)
        {
            return 0;
        }

        var current = _settings.Tiers.Find(member.Tier) ?? _settings.Tiers.Base;
        var metric = await TierMetricAsync(write).ConfigureAwait(false);
        var target = current;
        if (metric < current.RetentionThreshold)
        {
            var previous = _settings.Tiers.Previous(current);
            target = _settings.TierDowngrade == DowngradeMode.OneTier
                ? previous
                : Lowest(_settings.Tiers.EvaluateRetention(metric), previous);
            target = Floor(target, member.PinnedTier);
        }

        if (target.Rank < current.Rank)
        {
            ChangeTier(write, current, target, TierReviewReason, MaintenanceActor);
            return 1;
        }

        // Kept: the next review is one review period after this one.
        var reviewDate = _settings.LocalDate(reviewAt) - _settings.TierGracePeriod;
        var next = _settings.Zone.AtStartOfDay(reviewDate + _settings.TierReviewPeriod + _settings.TierGracePeriod).ToInstant();
        write.SetMember(write.RequireMember() with { TierReviewAt = current.Rank == 0 ? null : next });
        return 0;
    }

    private void ChangeTier(MemberWrite write, TierLevel? from, TierLevel to, string reason, string actor)
    {
        var member = write.RequireMember();
        write.SetMember(member with
        {
            Tier = to.Name,
            TierSince = write.Now,
            TierReviewAt = to.Rank == 0 ? null : _settings.TierReviewInstant(write.Now),
            UpdatedAt = write.Now,
        });
        write.AddActivity(new ActivityEntry
        {
            Sequence = write.NextSequence(),
            Kind = ActivityKind.TierChanged,
            OccurredAt = write.Now,
            Actor = actor,
            Reason = reason,
            FromTier = from?.Name,
            ToTier = to.Name,
        });
        write.AddEvent(LoyaltyEventTypes.TierChanged, JsonSerializer.Serialize(new { from = from?.Name, to = to.Name, reason }));
        LoyaltyDiagnostics.TierChanged();
    }

    private async ValueTask<long> TierMetricAsync(MemberWrite write)
    {
        if (_settings.TierMetric == TierMetric.LifetimePoints)
        {
            return (await LoadAccountAsync(write, _settings.TierAccount, withLots: false).ConfigureAwait(false)).Balance.Earned;
        }

        var since = _settings.TierWindowStart(write.Now);
        var stored = await write.Transaction.SumEarnedSinceAsync(write.MemberId, _settings.TierAccount, since, default).ConfigureAwait(false);
        return stored + write.Entries.Where(e => e.Account.Equals(_settings.TierAccount) && e.OccurredAt >= since).Sum(NetEarned);
    }

    private async ValueTask<long> ReadTierMetricAsync(MemberId memberId, CancellationToken cancellationToken)
    {
        if (_settings.TierMetric == TierMetric.LifetimePoints)
        {
            return (await GetBalanceAsync(memberId, _settings.TierAccount, cancellationToken).ConfigureAwait(false)).Earned;
        }

        var since = _settings.TierWindowStart(_clock.GetCurrentInstant());
        return await _store.SumEarnedSinceAsync(_settings.ProgramId, memberId, _settings.TierAccount, since, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<TierChange>> TierHistoryAsync(MemberId memberId, CancellationToken cancellationToken)
    {
        var changes = new List<TierChange>();
        await foreach (var activity in AllActivitiesAsync(memberId, false, cancellationToken).ConfigureAwait(false))
        {
            if (activity.Kind == ActivityKind.TierChanged)
            {
                changes.Add(new TierChange(activity.OccurredAt, activity.FromTier, activity.ToTier, activity.Reason));
            }
        }

        return changes;
    }

    /// <summary>Applies the tier multiplier to an award in the default account (rounded down, at least 1 point).</summary>
    private long MultiplyAward(Member member, AccountName account, long points)
    {
        if (!account.Equals(AccountName.Default) || _settings.Tiers.Find(member.Tier) is not { EarnMultiplier: not 1m } tier)
        {
            return points;
        }

        return Math.Max(1, (long)decimal.Floor(points * tier.EarnMultiplier));
    }

    private TierLevel Floor(TierLevel level, string? pinned) =>
        _settings.Tiers.Find(pinned) is { } floor && floor.Rank > level.Rank ? floor : level;

    private static TierLevel Lowest(TierLevel a, TierLevel b) => a.Rank <= b.Rank ? a : b;

    private static long NetEarned(LedgerEntry entry) => entry.Kind switch
    {
        LedgerEntryKind.Earn or LedgerEntryKind.Approve => entry.Points,
        LedgerEntryKind.Reverse => -entry.Points,
        _ => 0,
    };

    private void RequireTiers()
    {
        if (_settings.Tiers.IsEmpty)
        {
            throw new LoyaltyException(ErrorCode.UnknownTier, $"Program '{_settings.ProgramId}' has no tier table (LoyaltyOptions.Tiers.Levels is empty).", "tier");
        }
    }
}
