using System.Text.Json;
using Loyalty.Events;
using Loyalty.History;
using Loyalty.Members;
using Loyalty.Storage;

namespace Loyalty.Engine;

internal sealed partial class LoyaltyEngine
{
    private const int FindOrCreateAttempts = 20;

    public Task<Member> EnrollAsync(NewMember member, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(member);
        var verify = member.RequireVerification ?? _settings.RequireVerification;
        return CreateMemberAsync(member, verify ? MemberStatus.Pending : MemberStatus.Active, cancellationToken);
    }

    public Task<Member> AddGuestAsync(NewMember member, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(member);
        return CreateMemberAsync(member, MemberStatus.Inactive, cancellationToken);
    }

    public async Task<Member> FindOrCreateMemberAsync(string externalReference, NewMember? newMember = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(externalReference);
        MemberValidator.ExternalReference(externalReference);
        if (newMember?.ExternalReference is { } given && !string.Equals(given, externalReference, StringComparison.Ordinal))
        {
            throw Errors.Validation("newMember.externalReference", "must be unset or equal to the externalReference argument");
        }

        for (var attempt = 1; ; attempt++)
        {
            if (await FindMemberByExternalReferenceAsync(externalReference, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return existing;
            }

            var request = newMember ?? new NewMember();
            try
            {
                var verify = request.RequireVerification ?? _settings.RequireVerification;
                return await CreateMemberAsync(request, verify ? MemberStatus.Pending : MemberStatus.Active, cancellationToken, externalReference).ConfigureAwait(false);
            }
            catch (LoyaltyException ex) when (ex.Code is ErrorCode.DuplicateExternalReference or ErrorCode.MemberAlreadyExists && attempt < FindOrCreateAttempts)
            {
                // Another caller created the member first: its row becomes visible when it commits.
                await Task.Delay(attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask<Member?> FindMemberAsync(MemberId memberId, CancellationToken cancellationToken = default)
    {
        RequireId(memberId);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return await _store.GetMemberAsync(_settings.ProgramId, memberId, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<Member> GetMemberAsync(MemberId memberId, CancellationToken cancellationToken = default) =>
        await FindMemberAsync(memberId, cancellationToken).ConfigureAwait(false) ?? throw Errors.MemberNotFound(memberId);

    public ValueTask<Member?> FindMemberByExternalReferenceAsync(string externalReference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(externalReference);
        MemberValidator.ExternalReference(externalReference);
        return FindByLookupAsync(new LookupKey(LookupKind.ExternalReference, externalReference), cancellationToken);
    }

    public ValueTask<Member?> FindMemberByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        MemberValidator.Email(email);
        return FindByLookupAsync(new LookupKey(LookupKind.Email, EmailAddress.Normalize(email)), cancellationToken);
    }

    public ValueTask<Member?> FindMemberByExternalIdAsync(string externalId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(externalId);
        var separator = externalId.IndexOf(':', StringComparison.Ordinal);
        if (separator <= 0)
        {
            throw Errors.Validation("externalId", $"must be written as 'name:value' (was '{externalId}')");
        }

        var (key, value) = _validator.ExternalId(externalId[..separator], externalId[(separator + 1)..]);
        return FindByLookupAsync(ExternalIdLookup(key, value), cancellationToken);
    }

    public Task<Member> UpdateMemberAsync(MemberId memberId, MemberUpdate update, CancellationToken cancellationToken = default)
    {
        RequireId(memberId);
        ArgumentNullException.ThrowIfNull(update);
        var now = _clock.GetCurrentInstant();
        var changes = ValidateUpdate(update, now);
        var actor = MemberValidator.Actor(update.Actor);
        return WriteAsync(memberId, null, write => new ValueTask<Member>(ApplyUpdate(write, changes, actor)), "update_member", cancellationToken);
    }

    public async ValueTask<MemberPage> ListMembersAsync(MemberQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new MemberQuery();
        if (query.Limit is < 1 or > MemberQuery.MaxLimit)
        {
            throw Errors.Validation("limit", $"must be between 1 and {MemberQuery.MaxLimit} (was {query.Limit})");
        }

        MemberId? after = query.Cursor is null ? (MemberId?)null : Cursor.DecodeMember(query.Cursor);
        if (query.SinceId is { } since && (after is null || since > after.Value))
        {
            RequireId(since);
            after = since;
        }

        if (query.EmailContains is { Length: 0 or > EmailAddress.MaxLength })
        {
            throw Errors.Validation("emailContains", $"must be 1 to {EmailAddress.MaxLength} characters");
        }

        var filter = new MemberFilter(after, query.Limit + 1)
        {
            EmailContains = query.EmailContains?.Trim().ToLowerInvariant(),
            Status = query.Status,
            Tier = query.Tier,
            CreatedFrom = query.CreatedFrom,
            CreatedTo = query.CreatedTo,
            UpdatedFrom = query.UpdatedFrom,
            UpdatedTo = query.UpdatedTo,
        };
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var rows = await _store.ListMembersAsync(_settings.ProgramId, filter, cancellationToken).ConfigureAwait(false);
        if (rows.Count <= query.Limit)
        {
            return new MemberPage(rows, null);
        }

        var page = rows.Take(query.Limit).ToArray();
        return new MemberPage(page, Cursor.EncodeMember(page[^1].Id));
    }

    private async ValueTask<Member?> FindByLookupAsync(LookupKey key, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var id = await _store.FindMemberIdAsync(_settings.ProgramId, key, cancellationToken).ConfigureAwait(false);
        if (id is not { } memberId)
        {
            return null;
        }

        return await _store.GetMemberAsync(_settings.ProgramId, memberId, cancellationToken).ConfigureAwait(false);
    }

    private Task<Member> CreateMemberAsync(NewMember request, MemberStatus status, CancellationToken cancellationToken, string? externalReference = null)
    {
        var (member, actor) = ValidateNewMember(request, status, externalReference);
        return WriteAsync(member.Id, null, write => new ValueTask<Member>(CreateMember(write, member, actor)), "enroll", cancellationToken);
    }

    /// <summary>Validates a new member's data (before anything is opened) into the member row to create.</summary>
    private (Member Member, string Actor) ValidateNewMember(NewMember request, MemberStatus status, string? externalReference = null)
    {
        var now = _clock.GetCurrentInstant();
        var id = request.Id ?? MemberId.New();
        RequireId(id);
        if (request.ReferredBy is { } referrer)
        {
            RequireId(referrer);
        }

        var member = new Member
        {
            Id = id,
            Status = status,
            Email = MemberValidator.Email(request.Email),
            ExternalReference = MemberValidator.ExternalReference(externalReference ?? request.ExternalReference),
            ExternalIds = request.ExternalIds.Select(pair => _validator.ExternalId(pair.Key, pair.Value))
                .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal),
            FirstName = MemberValidator.Name("firstName", request.FirstName),
            LastName = MemberValidator.Name("lastName", request.LastName),
            Phone = MemberValidator.Phone(request.Phone),
            Birthday = _validator.Birthday(request.Birthday, now),
            Language = MemberValidator.Language(request.Language),
            Metadata = ValidateMetadata(request.Metadata),
            Attributes = request.Attributes.ToDictionary(pair => pair.Key, pair => _validator.Attribute(pair.Key, pair.Value), StringComparer.Ordinal),
            ReferredBy = request.ReferredBy,
            CreatedAt = now,
            UpdatedAt = now,
            EnrolledAt = status == MemberStatus.Inactive ? null : now,
            LastActivityAt = now,
        };
        return (member, MemberValidator.Actor(request.Actor));
    }

    /// <summary>Creates the member row, its lookups, the creation history entry and the enrollment event.</summary>
    private static Member CreateMember(MemberWrite write, Member member, string actor)
    {
        if (write.Member is not null)
        {
            throw Errors.MemberAlreadyExists(member.Id);
        }

        var created = member with { CreatedAt = write.Now, UpdatedAt = write.Now, EnrolledAt = member.EnrolledAt is null ? null : write.Now, LastActivityAt = write.Now };
        write.CreateMember(created);
        foreach (var key in LookupsOf(created))
        {
            write.AddLookup(key);
        }

        write.AddActivity(new ActivityEntry
        {
            Sequence = write.NextSequence(),
            Kind = ActivityKind.Created,
            OccurredAt = write.Now,
            Actor = actor,
            ToStatus = created.Status,
        });
        write.AddEvent(LoyaltyEventTypes.MemberEnrolled, JsonSerializer.Serialize(new { status = created.Status.ToString() }));
        return created;
    }

    private JsonElement ValidateMetadata(JsonElement? metadata)
    {
        var element = _validator.Metadata(metadata);
        MemberValidator.RejectReadOnlyKeyInMetadata(element);
        return element;
    }

    private ValidatedUpdate ValidateUpdate(MemberUpdate update, NodaTime.Instant now)
    {
        var result = new ValidatedUpdate(update);
        if (update.IsAssigned(nameof(MemberUpdate.Email)))
        {
            result.Email = MemberValidator.Email(update.Email);
        }

        if (update.IsAssigned(nameof(MemberUpdate.ExternalReference)))
        {
            result.ExternalReference = MemberValidator.ExternalReference(update.ExternalReference);
        }

        result.FirstName = MemberValidator.Name("firstName", update.FirstName);
        result.LastName = MemberValidator.Name("lastName", update.LastName);
        result.Phone = MemberValidator.Phone(update.Phone);
        result.Birthday = _validator.Birthday(update.Birthday, now);
        result.Language = MemberValidator.Language(update.Language);
        if (update.IsAssigned(nameof(MemberUpdate.Metadata)))
        {
            result.Metadata = ValidateMetadata(update.Metadata);
        }

        foreach (var (key, value) in update.ExternalIds)
        {
            if (value is null)
            {
                _validator.ExternalId(key, "x");
            }
            else
            {
                _validator.ExternalId(key, value);
            }
        }

        foreach (var (name, value) in update.Attributes)
        {
            if (value is { } attribute)
            {
                _validator.Attribute(name, attribute);
            }
            else if (ReadOnlyAttributes.Contains(name))
            {
                _validator.Attribute(name, default);
            }
        }

        return result;
    }

    private static Member ApplyUpdate(MemberWrite write, ValidatedUpdate update, string actor)
    {
        var member = write.RequireMember();
        if (member.Status == MemberStatus.OptedOut)
        {
            throw new LoyaltyException(ErrorCode.StatusNotAllowed, $"Member '{member.Id}' has opted out; an opted-out profile cannot be updated.", "status");
        }

        var updated = update.ApplyTo(member);
        var changed = ValidatedUpdate.ChangedFields(member, updated);
        if (changed.Count == 0)
        {
            return member;
        }

        updated = updated with { UpdatedAt = write.Now, LastActivityAt = write.Now };
        var before = LookupsOf(member).ToHashSet();
        var after = LookupsOf(updated).ToHashSet();
        foreach (var removed in before.Except(after))
        {
            write.RemoveLookup(removed);
        }

        foreach (var added in after.Except(before))
        {
            write.AddLookup(added);
        }

        write.SetMember(updated);
        write.AddActivity(new ActivityEntry
        {
            Sequence = write.NextSequence(),
            Kind = ActivityKind.ProfileUpdated,
            OccurredAt = write.Now,
            Actor = actor,
            ChangedFields = changed,
        });
        return updated;
    }

    internal static IEnumerable<LookupKey> LookupsOf(Member member)
    {
        if (member.Email is not null)
        {
            yield return new LookupKey(LookupKind.Email, EmailAddress.Normalize(member.Email));
        }

        if (member.ExternalReference is not null)
        {
            yield return new LookupKey(LookupKind.ExternalReference, member.ExternalReference);
        }

        foreach (var (key, value) in member.ExternalIds)
        {
            yield return ExternalIdLookup(key, value);
        }
    }

    private static LookupKey ExternalIdLookup(string key, string value) => new(LookupKind.ExternalId, $"{key}:{value}");

    private static void RequireId(MemberId memberId)
    {
        if (memberId.IsEmpty)
        {
            throw Errors.Validation("memberId", "must not be empty");
        }
    }
}
