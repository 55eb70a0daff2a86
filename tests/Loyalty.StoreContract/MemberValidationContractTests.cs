using System.Text.Json;
using Loyalty.Members;
using NodaTime;

namespace Loyalty.StoreContract;

/// <summary>Bad member input: a typed error naming the field, and nothing written.</summary>
public abstract class MemberValidationContractTests<TFixture>(TFixture fixture) : StoreContractTests<TFixture>(fixture)
    where TFixture : class, IStoreFixture
{
    public static TheoryData<string, ErrorCode, string> BadNewMembers => new()
    {
        { "id-empty", ErrorCode.ValidationFailed, "memberId" },
        { "id-space", ErrorCode.ValidationFailed, "memberId" },
        { "id-65", ErrorCode.ValidationFailed, "memberId" },
        { "id-unicode", ErrorCode.ValidationFailed, "memberId" },
        { "email-no-at", ErrorCode.ValidationFailed, "email" },
        { "email-no-domain-dot", ErrorCode.ValidationFailed, "email" },
        { "email-two-at", ErrorCode.ValidationFailed, "email" },
        { "email-space", ErrorCode.ValidationFailed, "email" },
        { "name-too-long", ErrorCode.ValidationFailed, "firstName" },
        { "name-blank", ErrorCode.ValidationFailed, "lastName" },
        { "phone-letters", ErrorCode.ValidationFailed, "phone" },
        { "language-bad", ErrorCode.ValidationFailed, "language" },
        { "birthday-future", ErrorCode.ValidationFailed, "birthday" },
        { "metadata-array", ErrorCode.ValidationFailed, "metadata" },
        { "metadata-string", ErrorCode.ValidationFailed, "metadata" },
        { "metadata-too-big", ErrorCode.ValidationFailed, "metadata" },
        { "metadata-card", ErrorCode.SensitiveData, "metadata.note" },
        { "metadata-card-spaced", ErrorCode.SensitiveData, "metadata.payment.number" },
        { "metadata-card-number-value", ErrorCode.SensitiveData, "metadata.pan" },
        { "metadata-ssn", ErrorCode.SensitiveData, "metadata.tax[0]" },
        { "metadata-password-key", ErrorCode.SensitiveData, "metadata.password" },
        { "metadata-token-key", ErrorCode.SensitiveData, "metadata.auth.access_token" },
        { "metadata-secret-key", ErrorCode.SensitiveData, "metadata.ClientSecret" },
        { "metadata-readonly-points", ErrorCode.ReadOnlyAttribute, "metadata.points" },
        { "attribute-undeclared", ErrorCode.UnknownAttribute, "attributes.shoe_size" },
        { "attribute-readonly-tier", ErrorCode.ReadOnlyAttribute, "attributes.tier" },
        { "attribute-readonly-points", ErrorCode.ReadOnlyAttribute, "attributes.points" },
        { "attribute-wrong-type-number", ErrorCode.ValidationFailed, "attributes.visits" },
        { "attribute-wrong-type-bool", ErrorCode.ValidationFailed, "attributes.newsletter" },
        { "attribute-wrong-type-date", ErrorCode.ValidationFailed, "attributes.anniversary" },
        { "attribute-enum-value", ErrorCode.ValidationFailed, "attributes.size" },
        { "attribute-card", ErrorCode.SensitiveData, "attributes.favorite_drink" },
        { "attribute-ssn", ErrorCode.SensitiveData, "attributes.favorite_drink" },
        { "external-id-undeclared", ErrorCode.ValidationFailed, "externalIds.member_card" },
        { "external-id-blank", ErrorCode.ValidationFailed, "externalIds.pos_id" },
        { "external-reference-control", ErrorCode.ValidationFailed, "externalReference" },
        { "referrer-bad", ErrorCode.ValidationFailed, "memberId" },
    };

    private ILoyaltyEngine NewEngine() => CreateEngine(o =>
    {
        o.MetadataMaxBytes = 1024;
        ProfileSchema.Declare(o);
    });

    [Theory]
    [MemberData(nameof(BadNewMembers))]
    public async Task EnrollAsync_BadInput_IsRefusedWithFieldAndWritesNothing(string scenario, ErrorCode code, string field)
    {
        var engine = NewEngine();
        await engine.EnrollAsync(new NewMember { Id = "existing", Email = "existing@example.com" }, Cancellation);

        var exception = await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, code,
            () => engine.EnrollAsync(BadMember(scenario), Cancellation));

        Assert.Equal(field, exception.Field);
        Assert.Contains(field, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadNewMembers))]
    public async Task UpdateMemberAsync_BadInput_IsRefusedAndWritesNothing(string scenario, ErrorCode code, string field)
    {
        if (scenario.StartsWith("id-", StringComparison.Ordinal) || scenario == "referrer-bad")
        {
            return; // identifiers are not updatable; covered by the enrollment theory
        }

        var engine = NewEngine();
        await engine.EnrollAsync(new NewMember { Id = "existing", Email = "existing@example.com" }, Cancellation);
        var bad = BadMember(scenario);
        var update = new MemberUpdate();
        if (bad.Email is not null) update.Email = bad.Email;
        if (bad.FirstName is not null) update.FirstName = bad.FirstName;
        if (bad.LastName is not null) update.LastName = bad.LastName;
        if (bad.Phone is not null) update.Phone = bad.Phone;
        if (bad.Language is not null) update.Language = bad.Language;
        if (bad.Birthday is not null) update.Birthday = bad.Birthday;
        if (bad.Metadata is not null) update.Metadata = bad.Metadata;
        if (bad.ExternalReference is not null) update.ExternalReference = bad.ExternalReference;
        foreach (var (k, v) in bad.ExternalIds) update.ExternalIds[k] = v;
        foreach (var (k, v) in bad.Attributes) update.Attributes[k] = v;

        var exception = await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, code,
            () => engine.UpdateMemberAsync("existing", update, Cancellation));
        Assert.Equal(field, exception.Field);
    }

    [Fact]
    public async Task Lookups_WithMalformedInput_ThrowValidationFailed()
    {
        var engine = NewEngine();
        await LoyaltyAssert.ThrowsAsync(ErrorCode.ValidationFailed, () => engine.FindMemberByEmailAsync("not-an-email", Cancellation));
        await LoyaltyAssert.ThrowsAsync(ErrorCode.ValidationFailed, () => engine.FindMemberByExternalIdAsync("no-separator", Cancellation));
        await LoyaltyAssert.ThrowsAsync(ErrorCode.ValidationFailed, () => engine.FindMemberByExternalIdAsync("undeclared:1", Cancellation));
        await LoyaltyAssert.ThrowsAsync(ErrorCode.ValidationFailed, () => engine.FindMemberByExternalReferenceAsync("", Cancellation));
        await LoyaltyAssert.ThrowsAsync(ErrorCode.ValidationFailed, () => engine.FindMemberAsync(default, Cancellation));
    }

    [Fact]
    public async Task MetadataExactlyAtLimit_IsAccepted()
    {
        var engine = NewEngine();
        var padding = new string('x', 1024 - """{"p":""}""".Length);
        var metadata = JsonDocument.Parse($$"""{"p":"{{padding}}"}""").RootElement;

        var member = await engine.EnrollAsync(new NewMember { Id = "limit", Metadata = metadata }, Cancellation);

        Assert.Equal(padding, member.Metadata.GetProperty("p").GetString());
    }

    [Fact]
    public async Task NonCardDigitsAndOrdinaryKeys_AreAccepted()
    {
        var engine = NewEngine();
        var metadata = JsonDocument.Parse("""{"order":"4111111111111112","phone":"+44 20 7946 0958","passport_country":"GB","compass":"N","zip":"12345-6789"}""").RootElement;
        var member = await engine.EnrollAsync(new NewMember { Id = "ok", Metadata = metadata }, Cancellation);
        Assert.Equal("GB", member.Metadata.GetProperty("passport_country").GetString());
    }

    private NewMember BadMember(string scenario)
    {
        var member = new NewMember { Id = "new-member" };
        switch (scenario)
        {
            case "id-empty": member.Id = default(MemberId); break;
            case "id-space": member.Id = "has space"; break;
            case "id-65": member.Id = new string('a', 65); break;
            case "id-unicode": member.Id = "café"; break;
            case "email-no-at": member.Email = "alice.example.com"; break;
            case "email-no-domain-dot": member.Email = "alice@localhost"; break;
            case "email-two-at": member.Email = "a@b@example.com"; break;
            case "email-space": member.Email = "alice @example.com"; break;
            case "name-too-long": member.FirstName = new string('n', 101); break;
            case "name-blank": member.LastName = "   "; break;
            case "phone-letters": member.Phone = "call me"; break;
            case "language-bad": member.Language = "english!"; break;
            case "birthday-future": member.Birthday = Clock.GetCurrentInstant().InUtc().Date.PlusDays(2); break;
            case "metadata-array": member.Metadata = Json("[1,2]"); break;
            case "metadata-string": member.Metadata = Json("\"text\""); break;
            case "metadata-too-big": member.Metadata = Json($$"""{"big":"{{new string('x', 2000)}}"}"""); break;
            case "metadata-card": member.Metadata = Json("""{"note":"card 4111111111111111 thanks"}"""); break;
            case "metadata-card-spaced": member.Metadata = Json("""{"payment":{"number":"5500 0000 0000 0004"}}"""); break;
            case "metadata-card-number-value": member.Metadata = Json("""{"pan":4012888888881881}"""); break;
            case "metadata-ssn": member.Metadata = Json("""{"tax":["078-05-1120"]}"""); break;
            case "metadata-password-key": member.Metadata = Json("""{"password":"hunter2"}"""); break;
            case "metadata-token-key": member.Metadata = Json("""{"auth":{"access_token":"abc"}}"""); break;
            case "metadata-secret-key": member.Metadata = Json("""{"ClientSecret":"abc"}"""); break;
            case "metadata-readonly-points": member.Metadata = Json("""{"points":99999}"""); break;
            case "attribute-undeclared": member.Attributes["shoe_size"] = "42"; break;
            case "attribute-readonly-tier": member.Attributes["tier"] = "Gold"; break;
            case "attribute-readonly-points": member.Attributes["points"] = 5000m; break;
            case "attribute-wrong-type-number": member.Attributes["visits"] = "three"; break;
            case "attribute-wrong-type-bool": member.Attributes["newsletter"] = 1m; break;
            case "attribute-wrong-type-date": member.Attributes["anniversary"] = "2020-01-01"; break;
            case "attribute-enum-value": member.Attributes["size"] = "XL"; break;
            case "attribute-card": member.Attributes["favorite_drink"] = "4111-1111-1111-1111"; break;
            case "attribute-ssn": member.Attributes["favorite_drink"] = "ssn 078-05-1120"; break;
            case "external-id-undeclared": member.ExternalIds["member_card"] = "1"; break;
            case "external-id-blank": member.ExternalIds["pos_id"] = ""; break;
            case "external-reference-control": member.ExternalReference = "user\u0001"; break;
            case "referrer-bad": member.ReferredBy = default(MemberId); break;
            default: throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null);
        }

        return member;
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
