using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Loyalty.Events;
using Loyalty.History;
using Loyalty.Ledger;
using Loyalty.Lifecycle;
using Loyalty.Members;
using Log = Loyalty.Diagnostics.Log;

namespace Loyalty.Engine;

internal sealed partial class LoyaltyEngine
{
    public Task<Member> ChangeStatusAsync(MemberId memberId, StatusChange change, CancellationToken cancellationToken = default)
    {
        RequireId(memberId);
        ArgumentNullException.ThrowIfNull(change);
        if (!Enum.IsDefined(change.To))
        {
            throw Errors.Validation("status", $"is not a known status ({(int)change.To})");
        }

        var reason = MemberValidator.Reason(change.Reason);
        var actor = MemberValidator.Actor(change.Actor);
        return WriteAsync(memberId, null, write => TransitionAsync(write, change.To, reason, actor), "change_status", cancellationToken);
    }

    public async ValueTask<EngagementStage> GetEngagementStageAsync(MemberId memberId, CancellationToken cancellationToken = default)
    {
        var member = await GetMemberAsync(memberId, cancellationToken).ConfigureAwait(false);
        return EngagementClassifier.Classify(member, _clock.GetCurrentInstant(), _settings.Engagement);
    }

    private async ValueTask<Member> TransitionAsync(MemberWrite write, MemberStatus to, string? reason, string actor)
    {
        var member = write.RequireMember();
        var from = member.Status;
        if (!LifecycleTransitions.TryGetAction(from, to, out var action))
        {
            throw LifecycleTransitions.NotAllowed(from, to, from == MemberStatus.OptedOut && to != MemberStatus.OptedOut
                ? "an opted-out profile is closed; enroll again to create a new profile"
                : null);
        }

        if (from == MemberStatus.Inactive && to == MemberStatus.Active && _settings.RequireVerification)
        {
            throw LifecycleTransitions.NotAllowed(from, to, "the program requires verification, so enrollment goes to Pending");
        }

        var updated = member with { Status = to, UpdatedAt = write.Now };
        if (action == LifecycleAction.Enroll)
        {
            updated = updated with { EnrolledAt = write.Now, LastActivityAt = write.Now };
        }

        write.AddActivity(new ActivityEntry
        {
            Sequence = write.NextSequence(),
            Kind = ActivityKind.StatusChanged,
            OccurredAt = write.Now,
            Actor = actor,
            Reason = reason,
            FromStatus = from,
            ToStatus = to,
        });
        write.AddEvent(LoyaltyEventTypes.StatusChanged, JsonSerializer.Serialize(new { from = from.ToString(), to = to.ToString(), action = action.ToString() }));
        write.SetMember(updated);
        await SettleHoldsOnTransitionAsync(write, action, to, actor).ConfigureAwait(false);
        if (to == MemberStatus.OptedOut)
        {
            updated = Anonymize(write, updated);
            write.SetMember(updated);
        }
        Log.StatusChanged(_logger, member.Id.Value, from, to);
        return updated;
    }

    /// <summary>
    /// Enrollment (or verification) to Active claims the points held while the member was a guest or pending: open
    /// pending earns without a pending period of their own are approved. Leaving the program voids pending earns and
    /// releases reservations, which could never settle otherwise; approved points stay in the ledger.
    /// </summary>
    private async ValueTask SettleHoldsOnTransitionAsync(MemberWrite write, LifecycleAction action, MemberStatus to, string actor)
    {
        var claim = to == MemberStatus.Active && action is LifecycleAction.Enroll or LifecycleAction.Verify;
        var leave = to == MemberStatus.OptedOut;
        if (!claim && !leave)
        {
            return;
        }

        var holds = await write.Transaction.LoadOpenHoldsAsync(write.MemberId, default).ConfigureAwait(false);
        foreach (var hold in holds)
        {
            var work = await LoadAccountAsync(write, hold.Account).ConfigureAwait(false);
            if (claim && hold is { Kind: LedgerEntryKind.EarnPending, DueAt: null })
            {
                Approve(write, work, hold, "claimed on enrollment", actor, null);
            }
            else if (leave && hold.Kind == LedgerEntryKind.EarnPending)
            {
                Void(write, work, hold, "member left the program", actor, null);
            }
            else if (leave && hold.Kind == LedgerEntryKind.Reserve)
            {
                Release(write, work, hold, "member left the program", actor, null);
            }
        }
    }

    /// <summary>
    /// Replaces every identifier and personal field: the member's rows move to a salted-hash identifier (the salt is
    /// random and discarded, so the old identifier cannot be recovered or recomputed), lookups are released, personal
    /// fields are removed. Ledger amounts stay, linked to the new identifier.
    /// </summary>
    private Member Anonymize(MemberWrite write, Member member)
    {
        foreach (var key in LookupsOf(member))
        {
            write.RemoveLookup(key);
        }

        var anonymousId = AnonymousId(member.Id);
        write.RenameTo = anonymousId;
        return member with
        {
            Id = anonymousId,
            Email = null,
            ExternalReference = null,
            ExternalIds = Member.EmptyStrings,
            FirstName = null,
            LastName = null,
            Phone = null,
            Birthday = null,
            Language = null,
            Metadata = Member.EmptyObject,
            Attributes = Member.EmptyAttributes,
            ReferredBy = null,
            PinnedTier = null,
            TierReviewAt = null,
        };
    }

    private MemberId AnonymousId(MemberId memberId)
    {
        Span<byte> salt = stackalloc byte[16];
        RandomNumberGenerator.Fill(salt);
        var input = Encoding.UTF8.GetBytes($"{_settings.ProgramId}\n{memberId}");
        var hash = HMACSHA256.HashData(salt, input);
        return MemberId.Parse("anon-" + Convert.ToHexString(hash, 0, 16).ToLowerInvariant());
    }
}
