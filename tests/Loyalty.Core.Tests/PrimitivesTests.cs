using Loyalty.Members;

namespace Loyalty.Core.Tests;

public sealed class PrimitivesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("Member_01-x")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123")]
    public void MemberId_ValidText_Parses(string text) => Assert.Equal(text, MemberId.Parse(text).Value);

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("émile")]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234")]
    public void MemberId_InvalidText_ThrowsValidationFailedNamingMemberId(string text)
    {
        var exception = Assert.Throws<LoyaltyException>(() => MemberId.Parse(text));
        Assert.Equal(ErrorCode.ValidationFailed, exception.Code);
        Assert.Equal("memberId", exception.Field);
        Assert.False(MemberId.TryParse(text, out _));
    }

    [Fact]
    public void MemberId_EqualityAndOrder_AreOrdinal()
    {
        Assert.NotEqual(MemberId.Parse("a"), MemberId.Parse("A"));
        Assert.True(MemberId.Parse("B") < MemberId.Parse("a"));
        Assert.Equal(MemberId.Parse("x").GetHashCode(), MemberId.Parse("x").GetHashCode());
    }

    [Theory]
    [InlineData("points", true)]
    [InlineData("status_credits", true)]
    [InlineData("Points", false)]
    [InlineData("1points", false)]
    [InlineData("", false)]
    public void AccountName_Rules(string text, bool valid) => Assert.Equal(valid, AccountName.TryParse(text, out _));

    [Fact]
    public void AccountName_Default_IsPoints() => Assert.Equal(AccountName.Default, default(AccountName));

    [Theory]
    [InlineData("order-1001:earn", true)]
    [InlineData("has space", false)]
    [InlineData("", false)]
    [InlineData("tab\t", false)]
    public void IdempotencyKey_Rules(string text, bool valid) => Assert.Equal(valid, IdempotencyKey.TryParse(text, out _));

    [Theory]
    [InlineData("alice@example.com", true)]
    [InlineData("a.b+tag@sub.example.co.uk", true)]
    [InlineData("alice@example", false)]
    [InlineData("@example.com", false)]
    [InlineData("alice@@example.com", false)]
    [InlineData("alice@.example.com", false)]
    [InlineData("alice@example..com", false)]
    [InlineData("al ice@example.com", false)]
    public void EmailAddress_Syntax(string email, bool valid) => Assert.Equal(valid, EmailAddress.IsValid(email));

    [Theory]
    [InlineData("4111111111111111", "a payment card number")]
    [InlineData("my card is 4111 1111 1111 1111.", "a payment card number")]
    [InlineData("378282246310005", "a payment card number")]
    [InlineData("078-05-1120", "a US social security number")]
    [InlineData("4111111111111112", null)]
    [InlineData("order 12345", null)]
    [InlineData("000-12-3456", null)]
    [InlineData("2026-11-22", null)]
    public void SensitiveDataScanner_FindsCardsAndSsns(string text, string? expected) => Assert.Equal(expected, SensitiveDataScanner.Inspect(text));

    [Theory]
    [InlineData("password", true)]
    [InlineData("user_pwd", true)]
    [InlineData("refreshToken", true)]
    [InlineData("api_key", true)]
    [InlineData("client_secret", true)]
    [InlineData("passport_country", false)]
    [InlineData("email", false)]
    public void SensitiveDataScanner_FindsSecretKeys(string key, bool sensitive) => Assert.Equal(sensitive, SensitiveDataScanner.InspectKey(key) is not null);

    [Fact]
    public async Task EntryId_New_IsARandomVersion4UuidUniqueAcrossThreads()
    {
        var batches = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 5_000).Select(_ => EntryId.New().Value).ToArray(), TestContext.Current.CancellationToken)));
        var all = batches.SelectMany(b => b).ToArray();

        Assert.All(all, id => Assert.Equal(4, id.Version));
        Assert.All(all, id => Assert.Equal(0x80, (byte)(id.ToByteArray(bigEndian: true)[8] & 0xC0)));
        Assert.Equal(all.Length, all.Distinct().Count());
        Assert.DoesNotContain(Guid.Empty, all);
    }

    [Fact]
    public async Task RandomGuid_NewTimeOrdered_IsAVersion7UuidOfItsMillisecond_UniqueAcrossThreads()
    {
        var at = NodaTime.Instant.FromUnixTimeTicks(17_649_000_001_234_567);
        var batches = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 5_000).Select(_ => RandomGuid.NewTimeOrdered(at)).ToArray(), TestContext.Current.CancellationToken)));
        var all = batches.SelectMany(b => b).ToArray();
        var millisecondInText = $"{at.ToUnixTimeMilliseconds():x12}".Insert(8, "-"); // 48 bits: "019aec3c-d17b"

        Assert.All(all, id => Assert.Equal(7, id.Version));
        Assert.All(all, id => Assert.Equal(0x80, (byte)(id.ToByteArray(bigEndian: true)[8] & 0xC0)));
        Assert.All(all, id => Assert.StartsWith(millisecondInText, id.ToString("D"), StringComparison.Ordinal));
        Assert.Equal(all.Length, all.Distinct().Count());
    }

    [Fact]
    public void RandomGuid_NewTimeOrdered_BeforeTheUnixEpoch_TakesTimeZero() =>
        Assert.StartsWith("00000000-0000-7", RandomGuid.NewTimeOrdered(NodaTime.Instant.FromUtc(1960, 1, 1, 0, 0)).ToString("D"), StringComparison.Ordinal);
}
