using Loyalty.History;
using Loyalty.Lifecycle;
using Loyalty.Members;

namespace Loyalty.StoreContract;

/// <summary>The lifecycle state machine: the full transition matrix, history, anonymization on opt-out.</summary>
public abstract class LifecycleContractTests<TFixture>(TFixture fixture) : StoreContractTests<TFixture>(fixture)
    where TFixture : class, IStoreFixture
{
    /// <summary>The allowed transitions, written out from the design's table (DESIGN §4), independently of the engine's.</summary>
    private static readonly Dictionary<(MemberStatus From, MemberStatus To), LifecycleAction> DesignTable = new()
    {
        [(MemberStatus.Inactive, MemberStatus.Pending)] = LifecycleAction.Enroll,
        [(MemberStatus.Inactive, MemberStatus.Active)] = LifecycleAction.Enroll,
        [(MemberStatus.Inactive, MemberStatus.Banned)] = LifecycleAction.Ban,
        [(MemberStatus.Inactive, MemberStatus.OptedOut)] = LifecycleAction.Forget,
        [(MemberStatus.Pending, MemberStatus.Active)] = LifecycleAction.Verify,
        [(MemberStatus.Pending, MemberStatus.Banned)] = LifecycleAction.Ban,
        [(MemberStatus.Pending, MemberStatus.OptedOut)] = LifecycleAction.OptOut,
        [(MemberStatus.Active, MemberStatus.Suspended)] = LifecycleAction.Suspend,
        [(MemberStatus.Active, MemberStatus.Banned)] = LifecycleAction.Ban,
        [(MemberStatus.Active, MemberStatus.OptedOut)] = LifecycleAction.OptOut,
        [(MemberStatus.Suspended, MemberStatus.Active)] = LifecycleAction.Reinstate,
        [(MemberStatus.Suspended, MemberStatus.Banned)] = LifecycleAction.Ban,
        [(MemberStatus.Suspended, MemberStatus.OptedOut)] = LifecycleAction.OptOut,
        [(MemberStatus.Banned, MemberStatus.Active)] = LifecycleAction.Unban,
        [(MemberStatus.Banned, MemberStatus.OptedOut)] = LifecycleAction.OptOut,
    };

    [Fact]
    public void LifecycleTransitions_PublishExactlyTheDesignTable() =>
        Assert.Equal(DesignTable.OrderBy(p => p.Key), LifecycleTransitions.Allowed.OrderBy(p => p.Key));

    public static TheoryData<MemberStatus, MemberStatus> AllPairs()
    {
        var data = new TheoryData<MemberStatus, MemberStatus>();
        foreach (var from in Enum.GetValues<MemberStatus>())
        {
            foreach (var to in Enum.GetValues<MemberStatus>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public async Task ChangeStatusAsync_FollowsTheTransitionTable(MemberStatus from, MemberStatus to)
    {
        var engine = CreateEngine();
        var id = await MemberInStatusAsync(engine, from);
        var allowed = DesignTable.TryGetValue((from, to), out var action);

        if (allowed)
        {
            Clock.AdvanceDays(1);
            var changed = await engine.ChangeStatusAsync(id, new StatusChange(to) { Reason = "matrix test", Actor = "operator:7" }, Cancellation);
            Assert.Equal(to, changed.Status);
            var stored = await engine.GetMemberAsync(changed.Id, Cancellation);
            Assert.Equal(to, stored.Status);

            var history = await engine.GetHistoryAsync(changed.Id, cancellationToken: Cancellation);
            var last = history.Entries[^1];
            Assert.Equal(ActivityKind.StatusChanged, last.Kind);
            Assert.Equal(from, last.FromStatus);
            Assert.Equal(to, last.ToStatus);
            Assert.Equal("operator:7", last.Actor);
            Assert.Equal("matrix test", last.Reason);
            Assert.Equal(Clock.GetCurrentInstant(), last.OccurredAt);
            if (action == LifecycleAction.Enroll)
            {
                Assert.Equal(Clock.GetCurrentInstant(), stored.EnrolledAt);
            }
        }
        else
        {
            var exception = await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.TransitionNotAllowed,
                () => engine.ChangeStatusAsync(id, new StatusChange(to), Cancellation));
            Assert.Matches($@"\b{from}\b", exception.Message);
            Assert.Matches($@"\b{to}\b", exception.Message);
            Assert.Equal(from, (await engine.GetMemberAsync(id, Cancellation)).Status);
        }
    }

    [Fact]
    public async Task ChangeStatusAsync_VerificationRequired_RefusesInactiveToActiveButAllowsPending()
    {
        var engine = CreateEngine(o => o.RequireVerification = true);
        await engine.AddGuestAsync(new NewMember { Id = "g" }, Cancellation);

        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.TransitionNotAllowed,
            () => engine.ChangeStatusAsync("g", new StatusChange(MemberStatus.Active), Cancellation));
        var pending = await engine.ChangeStatusAsync("g", new StatusChange(MemberStatus.Pending), Cancellation);
        Assert.Equal(MemberStatus.Pending, pending.Status);
        var active = await engine.ChangeStatusAsync("g", new StatusChange(MemberStatus.Active) { Reason = "email verified" }, Cancellation);
        Assert.Equal(MemberStatus.Active, active.Status);
    }

    [Fact]
    public async Task ChangeStatusAsync_UnknownMember_ThrowsMemberNotFound()
    {
        var engine = CreateEngine();
        await LoyaltyAssert.ThrowsAsync(ErrorCode.MemberNotFound, () => engine.ChangeStatusAsync("ghost", new StatusChange(MemberStatus.Banned), Cancellation));
    }

    [Fact]
    public async Task ChangeStatusAsync_BadReasonOrActor_ThrowsValidationFailed()
    {
        var engine = CreateEngine();
        await engine.EnrollAsync(new NewMember { Id = "r" }, Cancellation);
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.ValidationFailed,
            () => engine.ChangeStatusAsync("r", new StatusChange(MemberStatus.Suspended) { Reason = new string('r', 501) }, Cancellation));
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.ValidationFailed,
            () => engine.ChangeStatusAsync("r", new StatusChange(MemberStatus.Suspended) { Actor = "bad\nactor" }, Cancellation));
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.ValidationFailed,
            () => engine.ChangeStatusAsync("r", new StatusChange((MemberStatus)42), Cancellation));
    }

    [Fact]
    public async Task OptOut_AnonymizesAndFreesEveryIdentifier()
    {
        var engine = CreateEngine(o => o.ExternalIdKeys.Add("loyalty_barcode"));
        var member = new NewMember
        {
            Id = "leaver",
            Email = "leaver@example.com",
            ExternalReference = "user-leaver",
            FirstName = "Lee",
            LastName = "Ver",
            Phone = "+1 555 0100",
            Birthday = new NodaTime.LocalDate(1980, 1, 2),
            Language = "en",
            Metadata = System.Text.Json.JsonDocument.Parse("""{"note":"likes tea"}""").RootElement,
        };
        member.ExternalIds["loyalty_barcode"] = "BAR-1";
        await engine.EnrollAsync(member, Cancellation);

        var anonymized = await engine.ChangeStatusAsync("leaver", new StatusChange(MemberStatus.OptedOut) { Reason = "member request" }, Cancellation);

        Assert.NotEqual("leaver", anonymized.Id.Value);
        Assert.StartsWith("anon-", anonymized.Id.Value, StringComparison.Ordinal);
        Assert.Equal(MemberStatus.OptedOut, anonymized.Status);
        Assert.Null(anonymized.Email);
        Assert.Null(anonymized.ExternalReference);
        Assert.Null(anonymized.FirstName);
        Assert.Null(anonymized.LastName);
        Assert.Null(anonymized.Phone);
        Assert.Null(anonymized.Birthday);
        Assert.Empty(anonymized.ExternalIds);
        Assert.Empty(anonymized.Metadata.EnumerateObject());

        Assert.Null(await engine.FindMemberAsync("leaver", Cancellation));
        Assert.Null(await engine.FindMemberByEmailAsync("leaver@example.com", Cancellation));
        Assert.Null(await engine.FindMemberByExternalReferenceAsync("user-leaver", Cancellation));
        Assert.Null(await engine.FindMemberByExternalIdAsync("loyalty_barcode:BAR-1", Cancellation));
        var listed = (await engine.ListMembersAsync(cancellationToken: Cancellation)).Members;
        Assert.DoesNotContain(listed, m => m.Id.Value == "leaver" || m.Email is not null);

        var stored = await engine.GetMemberAsync(anonymized.Id, Cancellation);
        Assert.Equal(MemberStatus.OptedOut, stored.Status);
        Assert.Null(stored.Email);
        var history = await engine.GetHistoryAsync(anonymized.Id, cancellationToken: Cancellation);
        Assert.Equal([ActivityKind.Created, ActivityKind.StatusChanged], history.Entries.Select(e => e.Kind));

        var outbox = await Store.ReadOutboxAsync(engine.ProgramId, 0, 100, Cancellation);
        Assert.DoesNotContain(outbox, m => m.MemberId.Value == "leaver");

        var again = await engine.EnrollAsync(new NewMember { Id = "leaver", Email = "leaver@example.com", ExternalReference = "user-leaver" }, Cancellation);
        Assert.Equal(MemberStatus.Active, again.Status);
        var fresh = await engine.GetHistoryAsync("leaver", cancellationToken: Cancellation);
        Assert.Single(fresh.Entries);
        Assert.Equal("leaver", (await engine.FindMemberByEmailAsync("LEAVER@example.com", Cancellation))?.Id.Value);
    }

    [Fact]
    public async Task OptedOutProfile_CannotBeUpdatedOrReopened()
    {
        var engine = CreateEngine();
        await engine.EnrollAsync(new NewMember { Id = "closed" }, Cancellation);
        var anonymized = await engine.ChangeStatusAsync("closed", new StatusChange(MemberStatus.OptedOut), Cancellation);

        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.StatusNotAllowed,
            () => engine.UpdateMemberAsync(anonymized.Id, new MemberUpdate { FirstName = "Back" }, Cancellation));
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.TransitionNotAllowed,
            () => engine.ChangeStatusAsync(anonymized.Id, new StatusChange(MemberStatus.Active), Cancellation));
    }

    [Fact]
    public async Task ForgetGuest_AnonymizesInactiveMember()
    {
        var engine = CreateEngine();
        await engine.AddGuestAsync(new NewMember { Id = "guest", Email = "guest@example.com" }, Cancellation);

        var forgotten = await engine.ChangeStatusAsync("guest", new StatusChange(MemberStatus.OptedOut) { Reason = "GDPR erasure" }, Cancellation);

        Assert.StartsWith("anon-", forgotten.Id.Value, StringComparison.Ordinal);
        Assert.Null(await engine.FindMemberByEmailAsync("guest@example.com", Cancellation));
    }

    [Fact]
    public async Task ConcurrentStatusChanges_OnOneMember_AreSerialized()
    {
        var engine = CreateEngine();
        await engine.EnrollAsync(new NewMember { Id = "busy" }, Cancellation);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            try
            {
                await engine.ChangeStatusAsync("busy", new StatusChange(MemberStatus.Suspended), Cancellation);
                return true;
            }
            catch (LoyaltyException ex) when (ex.Code == ErrorCode.TransitionNotAllowed)
            {
                return false;
            }
        })));

        Assert.Equal(1, outcomes.Count(o => o));
        var history = await engine.GetHistoryAsync("busy", cancellationToken: Cancellation);
        Assert.Single(history.Entries, e => e.Kind == ActivityKind.StatusChanged);
        Assert.Equal(history.Entries.Select(e => e.Sequence).Order(), history.Entries.Select(e => e.Sequence));
    }

    private async Task<MemberId> MemberInStatusAsync(ILoyaltyEngine engine, MemberStatus status)
    {
        var id = MemberId.New();
        switch (status)
        {
            case MemberStatus.Inactive:
                await engine.AddGuestAsync(new NewMember { Id = id }, Cancellation);
                return id;
            case MemberStatus.Pending:
                await engine.EnrollAsync(new NewMember { Id = id, RequireVerification = true }, Cancellation);
                return id;
            default:
                await engine.EnrollAsync(new NewMember { Id = id }, Cancellation);
                if (status == MemberStatus.Active)
                {
                    return id;
                }

                var changed = await engine.ChangeStatusAsync(id, new StatusChange(status), Cancellation);
                return changed.Id;
        }
    }
}
