using System.Text.Json;
using Loyalty.Events;
using Loyalty.History;
using Loyalty.Members;
using NodaTime;

namespace Loyalty.StoreContract;

/// <summary>Members: enrollment, lookups, profile updates, uniqueness, validation.</summary>
public abstract class MemberContractTests<TFixture>(TFixture fixture) : StoreContractTests<TFixture>(fixture)
    where TFixture : class, IStoreFixture
{
    private ILoyaltyEngine NewEngine() => CreateEngine(ProfileSchema.Declare);

    [Fact]
    public async Task EnrollAsync_NewMember_IsActiveAndFindableById()
    {
        var engine = NewEngine();
        var created = await engine.EnrollAsync(new NewMember { Id = "alice", Email = "Alice@Example.com", FirstName = "Alice" }, Cancellation);

        Assert.Equal(MemberStatus.Active, created.Status);
        Assert.Equal(Clock.GetCurrentInstant(), created.EnrolledAt);
        var found = await engine.FindMemberAsync("alice", Cancellation);
        Assert.NotNull(found);
        Assert.Equal("Alice@Example.com", found.Email);
        Assert.Equal("Alice", found.FirstName);
        Assert.Equal(created.CreatedAt, found.CreatedAt);
    }

    [Fact]
    public async Task EnrollAsync_WithoutId_GeneratesUuid()
    {
        var engine = NewEngine();
        var created = await engine.EnrollAsync(new NewMember(), Cancellation);

        Assert.True(Guid.TryParseExact(created.Id.Value, "N", out _), created.Id.Value);
        Assert.NotNull(await engine.FindMemberAsync(created.Id, Cancellation));
    }

    [Fact]
    public async Task EnrollAsync_VerificationRequired_IsPending()
    {
        var engine = CreateEngine(o => o.RequireVerification = true);
        var member = await engine.EnrollAsync(new NewMember { Id = "bob" }, Cancellation);
        Assert.Equal(MemberStatus.Pending, member.Status);

        var overridden = await engine.EnrollAsync(new NewMember { Id = "carol", RequireVerification = false }, Cancellation);
        Assert.Equal(MemberStatus.Active, overridden.Status);
    }

    [Fact]
    public async Task AddGuestAsync_CreatesInactiveMemberWithoutEnrollmentDate()
    {
        var engine = NewEngine();
        var guest = await engine.AddGuestAsync(new NewMember { Id = "guest-1", Email = "guest@example.com" }, Cancellation);

        Assert.Equal(MemberStatus.Inactive, guest.Status);
        Assert.Null(guest.EnrolledAt);
        Assert.False(guest.IsEnrolled);
        Assert.Equal("guest-1", (await engine.FindMemberByEmailAsync("GUEST@example.com", Cancellation))?.Id.Value);
    }

    [Fact]
    public async Task EnrollAsync_ExistingId_ThrowsMemberAlreadyExistsAndWritesNothing()
    {
        var engine = NewEngine();
        await engine.EnrollAsync(new NewMember { Id = "dup", Email = "first@example.com" }, Cancellation);

        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.MemberAlreadyExists,
            () => engine.EnrollAsync(new NewMember { Id = "dup", Email = "second@example.com" }, Cancellation));
        Assert.Null(await engine.FindMemberByEmailAsync("second@example.com", Cancellation));
    }

    [Fact]
    public async Task MemberIds_AreCaseSensitive()
    {
        var engine = NewEngine();
        await engine.EnrollAsync(new NewMember { Id = "Dave" }, Cancellation);
        await engine.EnrollAsync(new NewMember { Id = "dave" }, Cancellation);

        Assert.NotNull(await engine.FindMemberAsync("Dave", Cancellation));
        Assert.NotNull(await engine.FindMemberAsync("dave", Cancellation));
        Assert.Null(await engine.FindMemberAsync("DAVE", Cancellation));
    }

    [Fact]
    public async Task Lookups_ByExternalReferenceEmailAndExternalId_FindTheMember()
    {
        var engine = NewEngine();
        var member = new NewMember { Id = "m1", Email = "Erin@Example.COM", ExternalReference = "user-42" };
        member.ExternalIds["loyalty_barcode"] = "1234-5678";
        await engine.EnrollAsync(member, Cancellation);

        Assert.Equal("m1", (await engine.FindMemberByExternalReferenceAsync("user-42", Cancellation))?.Id.Value);
        Assert.Equal("m1", (await engine.FindMemberByEmailAsync("erin@example.com", Cancellation))?.Id.Value);
        Assert.Equal("m1", (await engine.FindMemberByEmailAsync("ERIN@EXAMPLE.COM", Cancellation))?.Id.Value);
        Assert.Equal("m1", (await engine.FindMemberByExternalIdAsync("loyalty_barcode:1234-5678", Cancellation))?.Id.Value);
        Assert.Null(await engine.FindMemberByExternalReferenceAsync("USER-42", Cancellation));
        Assert.Null(await engine.FindMemberByExternalIdAsync("pos_id:1234-5678", Cancellation));
        Assert.Null(await engine.FindMemberByEmailAsync("other@example.com", Cancellation));
        Assert.Null(await engine.FindMemberAsync("nobody", Cancellation));
        await LoyaltyAssert.ThrowsAsync(ErrorCode.MemberNotFound, () => engine.GetMemberAsync("nobody", Cancellation));
    }

    [Fact]
    public async Task EnrollAsync_DuplicateEmailInAnyCase_ThrowsDuplicateEmailAndWritesNothing()
    {
        var engine = NewEngine();
        await engine.EnrollAsync(new NewMember { Id = "a", Email = "same@example.com" }, Cancellation);

        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.DuplicateEmail,
            () => engine.EnrollAsync(new NewMember { Id = "b", Email = "SAME@Example.com", ExternalReference = "ext-b" }, Cancellation));
        Assert.Null(await engine.FindMemberAsync("b", Cancellation));
        Assert.Null(await engine.FindMemberByExternalReferenceAsync("ext-b", Cancellation));

        // The refused enrollment holds nothing back: its identifier and other unique values are free.
        await engine.EnrollAsync(new NewMember { Id = "b", ExternalReference = "ext-b" }, Cancellation);
        Assert.Equal("b", (await engine.FindMemberByExternalReferenceAsync("ext-b", Cancellation))?.Id.Value);
    }

    [Fact]
    public async Task EnrollAsync_DuplicateExternalReference_ThrowsAndWritesNothing()
    {
        var engine = NewEngine();
        await engine.EnrollAsync(new NewMember { Id = "a", ExternalReference = "user-1" }, Cancellation);

        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.DuplicateExternalReference,
            () => engine.EnrollAsync(new NewMember { Id = "b", Email = "b@example.com", ExternalReference = "user-1" }, Cancellation));
        Assert.Null(await engine.FindMemberByEmailAsync("b@example.com", Cancellation));

        await engine.EnrollAsync(new NewMember { Id = "b", Email = "B@example.com" }, Cancellation);
        Assert.Equal("b", (await engine.FindMemberByEmailAsync("b@example.com", Cancellation))?.Id.Value);
    }

    [Fact]
    public async Task EnrollAsync_DuplicateNamedExternalId_ThrowsAndWritesNothing()
    {
        var engine = NewEngine();
        var first = new NewMember { Id = "a" };
        first.ExternalIds["pos_id"] = "P-1";
        await engine.EnrollAsync(first, Cancellation);

        var second = new NewMember { Id = "b", Email = "b@example.com" };
        second.ExternalIds["loyalty_barcode"] = "B-2";
        second.ExternalIds["pos_id"] = "P-1";
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.DuplicateExternalId,
            () => engine.EnrollAsync(second, Cancellation));
        Assert.Null(await engine.FindMemberByExternalIdAsync("loyalty_barcode:B-2", Cancellation));

        var third = new NewMember { Id = "b", Email = "b@example.com" };
        third.ExternalIds["loyalty_barcode"] = "B-2";
        await engine.EnrollAsync(third, Cancellation);
        Assert.Equal("b", (await engine.FindMemberByExternalIdAsync("loyalty_barcode:B-2", Cancellation))?.Id.Value);
    }

    [Fact]
    public async Task UpdateMemberAsync_ChangesFieldsMovesLookupsAndRecordsFieldNames()
    {
        var engine = NewEngine();
        var enroll = new NewMember { Id = "u1", Email = "old@example.com", ExternalReference = "ref-old", FirstName = "Old", Phone = "+44 20 7946 0000" };
        enroll.ExternalIds["pos_id"] = "P-OLD";
        await engine.EnrollAsync(enroll, Cancellation);
        Clock.AdvanceDays(1);

        var update = new MemberUpdate
        {
            Email = "New@example.com",
            ExternalReference = "ref-new",
            FirstName = "New",
            Phone = null,
            Birthday = new LocalDate(1990, 5, 17),
            Language = "en-GB",
            Metadata = JsonDocument.Parse("""{"source":"app","tags":["a","b"]}""").RootElement,
            Actor = "support:jo",
        };
        update.ExternalIds["pos_id"] = "P-NEW";
        update.ExternalIds["loyalty_barcode"] = "B-1";
        update.Attributes["favorite_drink"] = "flat white";
        update.Attributes["visits"] = 3m;
        update.Attributes["newsletter"] = true;
        update.Attributes["anniversary"] = new LocalDate(2020, 2, 29);
        update.Attributes["size"] = "M";
        var updated = await engine.UpdateMemberAsync("u1", update, Cancellation);

        Assert.Equal("New@example.com", updated.Email);
        Assert.Equal("New", updated.FirstName);
        Assert.Null(updated.Phone);
        Assert.Equal(new LocalDate(1990, 5, 17), updated.Birthday);
        Assert.Equal("app", updated.Metadata.GetProperty("source").GetString());
        Assert.Equal(AttributeValue.FromDecimal(3m), updated.Attributes["visits"]);
        Assert.Equal(Clock.GetCurrentInstant(), updated.UpdatedAt);

        var stored = await engine.GetMemberAsync("u1", Cancellation);
        Assert.Equal("flat white", stored.Attributes["favorite_drink"].AsString);
        Assert.Equal(3m, stored.Attributes["visits"].AsNumber);
        Assert.True(stored.Attributes["newsletter"].AsBoolean);
        Assert.Equal(new LocalDate(2020, 2, 29), stored.Attributes["anniversary"].AsDate);
        Assert.Equal("M", stored.Attributes["size"].AsString);
        Assert.Equal("en-GB", stored.Language);
        Assert.Equal(JsonValueKind.Array, stored.Metadata.GetProperty("tags").ValueKind);

        Assert.Null(await engine.FindMemberByEmailAsync("old@example.com", Cancellation));
        Assert.Null(await engine.FindMemberByExternalReferenceAsync("ref-old", Cancellation));
        Assert.Null(await engine.FindMemberByExternalIdAsync("pos_id:P-OLD", Cancellation));
        Assert.Equal("u1", (await engine.FindMemberByEmailAsync("new@EXAMPLE.com", Cancellation))?.Id.Value);
        Assert.Equal("u1", (await engine.FindMemberByExternalReferenceAsync("ref-new", Cancellation))?.Id.Value);
        Assert.Equal("u1", (await engine.FindMemberByExternalIdAsync("pos_id:P-NEW", Cancellation))?.Id.Value);
        Assert.Equal("u1", (await engine.FindMemberByExternalIdAsync("loyalty_barcode:B-1", Cancellation))?.Id.Value);

        var history = await engine.GetHistoryAsync("u1", cancellationToken: Cancellation);
        var change = Assert.Single(history.Entries, e => e.Kind == ActivityKind.ProfileUpdated);
        Assert.Equal("support:jo", change.Actor);
        Assert.Contains("email", change.ChangedFields);
        Assert.Contains("phone", change.ChangedFields);
        Assert.Contains("externalIds.pos_id", change.ChangedFields);
        Assert.Contains("attributes.size", change.ChangedFields);
        Assert.DoesNotContain("lastName", change.ChangedFields);
    }

    [Fact]
    public async Task UpdateMemberAsync_RemovesExternalIdsAndAttributesGivenNull()
    {
        var engine = NewEngine();
        var enroll = new NewMember { Id = "u2" };
        enroll.ExternalIds["pos_id"] = "P-2";
        enroll.Attributes["visits"] = 1m;
        await engine.EnrollAsync(enroll, Cancellation);

        var update = new MemberUpdate();
        update.ExternalIds["pos_id"] = null;
        update.Attributes["visits"] = null;
        var updated = await engine.UpdateMemberAsync("u2", update, Cancellation);

        Assert.Empty(updated.ExternalIds);
        Assert.Empty(updated.Attributes);
        Assert.Null(await engine.FindMemberByExternalIdAsync("pos_id:P-2", Cancellation));
    }

    [Fact]
    public async Task UpdateMemberAsync_NothingChanged_WritesNoHistory()
    {
        var engine = NewEngine();
        await engine.EnrollAsync(new NewMember { Id = "u3", FirstName = "Same" }, Cancellation);

        await engine.UpdateMemberAsync("u3", new MemberUpdate { FirstName = "Same" }, Cancellation);

        var history = await engine.GetHistoryAsync("u3", cancellationToken: Cancellation);
        Assert.DoesNotContain(history.Entries, e => e.Kind == ActivityKind.ProfileUpdated);
    }

    [Fact]
    public async Task UpdateMemberAsync_EmailOfAnotherMember_ThrowsDuplicateEmailAndWritesNothing()
    {
        var engine = NewEngine();
        await engine.EnrollAsync(new NewMember { Id = "a", Email = "a@example.com" }, Cancellation);
        await engine.EnrollAsync(new NewMember { Id = "b", Email = "b@example.com" }, Cancellation);

        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.DuplicateEmail,
            () => engine.UpdateMemberAsync("b", new MemberUpdate { Email = "A@EXAMPLE.COM", FirstName = "B" }, Cancellation));
        Assert.Equal("b", (await engine.FindMemberByEmailAsync("b@example.com", Cancellation))?.Id.Value);
    }

    [Fact]
    public async Task UpdateMemberAsync_ExternalReferenceOrExternalIdOfAnotherMember_IsRefusedAndWritesNothing()
    {
        var engine = NewEngine();
        var first = new NewMember { Id = "a", ExternalReference = "user-a" };
        first.ExternalIds["pos_id"] = "P-A";
        await engine.EnrollAsync(first, Cancellation);
        await engine.EnrollAsync(new NewMember { Id = "b", ExternalReference = "user-b" }, Cancellation);

        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.DuplicateExternalReference,
            () => engine.UpdateMemberAsync("b", new MemberUpdate { ExternalReference = "user-a", FirstName = "B" }, Cancellation));
        var takesPos = new MemberUpdate { FirstName = "B" };
        takesPos.ExternalIds["pos_id"] = "P-A";
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.DuplicateExternalId,
            () => engine.UpdateMemberAsync("b", takesPos, Cancellation));

        Assert.Equal("b", (await engine.FindMemberByExternalReferenceAsync("user-b", Cancellation))?.Id.Value);
        Assert.Equal("a", (await engine.FindMemberByExternalIdAsync("pos_id:P-A", Cancellation))?.Id.Value);
    }

    [Fact]
    public async Task UpdateMemberAsync_UnknownMember_ThrowsMemberNotFound()
    {
        var engine = NewEngine();
        await LoyaltyAssert.ThrowsAsync(ErrorCode.MemberNotFound,
            () => engine.UpdateMemberAsync("ghost", new MemberUpdate { FirstName = "X" }, Cancellation));
        Assert.Null(await engine.FindMemberAsync("ghost", Cancellation));
    }

    [Fact]
    public async Task UpdateMemberAsync_SwappingEmailsBetweenFieldsOfOneMember_KeepsLookupConsistent()
    {
        var engine = NewEngine();
        await engine.EnrollAsync(new NewMember { Id = "s", Email = "one@example.com" }, Cancellation);
        await engine.UpdateMemberAsync("s", new MemberUpdate { Email = "ONE@example.com" }, Cancellation);

        var member = await engine.FindMemberByEmailAsync("one@example.com", Cancellation);
        Assert.Equal("ONE@example.com", member?.Email);
    }

    [Fact]
    public async Task Enrollment_WritesCreatedHistoryAndOutboxEvent()
    {
        var engine = NewEngine();
        await engine.EnrollAsync(new NewMember { Id = "h1", Actor = "signup-page" }, Cancellation);

        var history = await engine.GetHistoryAsync("h1", cancellationToken: Cancellation);
        var created = Assert.Single(history.Entries);
        Assert.Equal(ActivityKind.Created, created.Kind);
        Assert.Equal(MemberStatus.Active, created.ToStatus);
        Assert.Equal("signup-page", created.Actor);
        Assert.Equal(Clock.GetCurrentInstant(), created.OccurredAt);

        var outbox = await Store.ReadOutboxAsync(engine.ProgramId, 0, 10, Cancellation);
        var message = Assert.Single(outbox);
        Assert.Equal(LoyaltyEventTypes.MemberEnrolled, message.Type);
        Assert.Equal("h1", message.MemberId.Value);
        Assert.True(message.Position > 0);
        Assert.NotEqual(Guid.Empty, message.EventId);
    }

    [Fact]
    public async Task ExportMemberDataAsync_WritesProfileAndHistoryAsOneJsonDocument()
    {
        var engine = NewEngine();
        var member = new NewMember { Id = "g1", Email = "gdpr@example.com", FirstName = "Grace", Metadata = JsonDocument.Parse("""{"vip":true}""").RootElement };
        member.Attributes["size"] = "L";
        await engine.EnrollAsync(member, Cancellation);
        await engine.UpdateMemberAsync("g1", new MemberUpdate { LastName = "Hopper" }, Cancellation);

        using var stream = new MemoryStream();
        await engine.ExportMemberDataAsync("g1", stream, Cancellation);
        using var document = JsonDocument.Parse(stream.ToArray());
        var root = document.RootElement;

        Assert.Equal(engine.ProgramId.Value, root.GetProperty("program_id").GetString());
        var exported = root.GetProperty("member");
        Assert.Equal("g1", exported.GetProperty("member_id").GetString());
        Assert.Equal("gdpr@example.com", exported.GetProperty("email").GetString());
        Assert.Equal("Hopper", exported.GetProperty("last_name").GetString());
        Assert.True(exported.GetProperty("metadata").GetProperty("vip").GetBoolean());
        Assert.Equal("L", exported.GetProperty("attributes").GetProperty("size").GetString());
        Assert.Equal(2, root.GetProperty("history").GetArrayLength());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("balances").ValueKind);
    }

    [Fact]
    public async Task Metadata_DefaultsToEmptyObject()
    {
        var engine = NewEngine();
        var member = await engine.EnrollAsync(new NewMember { Id = "md" }, Cancellation);
        Assert.Equal(JsonValueKind.Object, member.Metadata.ValueKind);
        Assert.Equal(JsonValueKind.Object, (await engine.GetMemberAsync("md", Cancellation)).Metadata.ValueKind);
    }
}
