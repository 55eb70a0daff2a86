using Loyalty.Configuration;
using Loyalty.Members;
using Loyalty.StoreContract;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Loyalty.Core.Tests;

public sealed class OptionsAndRegistrationTests
{
    public static TheoryData<string, Action<LoyaltyOptions>> InvalidOptions => new()
    {
        { "LoyaltyOptions.ProgramId is required", o => o.ProgramId = null },
        { "LoyaltyOptions.ProgramId 'has space'", o => o.ProgramId = "has space" },
        { "LoyaltyOptions.TimeZoneId 'Mars/Olympus_Mons'", o => o.TimeZoneId = "Mars/Olympus_Mons" },
        { "LoyaltyOptions.Engagement.AtRiskAfterDays must not be negative (was -1)", o => o.Engagement.AtRiskAfterDays = -1 },
        { "LoyaltyOptions.Engagement.NewMemberDays must not be negative", o => o.Engagement.NewMemberDays = -3 },
        { "LoyaltyOptions.Engagement.ChurnedAfterDays (20) must be greater than AtRiskAfterDays (30)", o => o.Engagement.ChurnedAfterDays = 20 },
        { "LoyaltyOptions.MetadataMaxBytes", o => o.MetadataMaxBytes = 0 },
        { "LoyaltyOptions.Attributes 'tier' is a read-only attribute", o => o.Attributes.Add(new AttributeDefinition("tier", AttributeKind.Text)) },
        { "LoyaltyOptions.Attributes 'api_token' is named like a password, secret or token field", o => o.Attributes.Add(new AttributeDefinition("api_token", AttributeKind.Text)) },
        { "LoyaltyOptions.Attributes 'password' is named like a password, secret or token field", o => o.Attributes.Add(new AttributeDefinition("password", AttributeKind.Text)) },
        { "LoyaltyOptions.Attributes 'size' is an enum and must list its allowed values", o => o.Attributes.Add(new AttributeDefinition("size", AttributeKind.Enum)) },
        { "LoyaltyOptions.Attributes 'x' is declared twice", o => { o.Attributes.Add(new AttributeDefinition("x", AttributeKind.Text)); o.Attributes.Add(new AttributeDefinition("x", AttributeKind.Number)); } },
        { "LoyaltyOptions.ExternalIdKeys 'Bad Key'", o => o.ExternalIdKeys.Add("Bad Key") },
        { "LoyaltyOptions.Ledger.MaxAward must be at least 1", o => o.Ledger.MaxAward = 0 },
        { "LoyaltyOptions.Ledger.Accounts 'Status Credits'", o => o.Ledger.Accounts.Add("Status Credits") },
        { "LoyaltyOptions.Ledger.Accounts must contain the default account 'points'", o => o.Ledger.Accounts.Remove("points") },
        { "LoyaltyOptions.Ledger.Expiry inactivity days must be at least 1", o => o.Ledger.Expiry = Loyalty.Ledger.ExpiryPolicy.RollingInactivity(0) },
        { "LoyaltyOptions.Ledger.Expiry lifetime must be a positive period", o => o.Ledger.Expiry = Loyalty.Ledger.ExpiryPolicy.FixedLifetime(Period.FromHours(5)) },
        { "LoyaltyOptions.Ledger.ReservationTimeout must be positive", o => o.Ledger.ReservationTimeout = Duration.Zero },
        { "LoyaltyOptions.Ledger.PendingPeriod must be positive", o => o.Ledger.PendingPeriod = Duration.FromDays(-1) },
        { "LoyaltyOptions.Tiers.Levels[0] 'Silver' is the base tier and must have threshold 0 (was 100)", o => o.Tiers.Levels.Add(new Tiers.TierDefinition("Silver", 100)) },
        { "LoyaltyOptions.Tiers.Levels[1] 'Bronze': the name is used by another tier", o => { o.Tiers.Levels.Add(new Tiers.TierDefinition("Bronze", 0)); o.Tiers.Levels.Add(new Tiers.TierDefinition("Bronze", 10)); } },
        { "LoyaltyOptions.Tiers.Levels[2] 'Gold' threshold 500 must be greater than the threshold of 'Silver' (500)", o => { o.Tiers.Levels.Add(new Tiers.TierDefinition("Bronze", 0)); o.Tiers.Levels.Add(new Tiers.TierDefinition("Silver", 500)); o.Tiers.Levels.Add(new Tiers.TierDefinition("Gold", 500)); } },
        { "LoyaltyOptions.Tiers.Levels[1] 'Silver' retention threshold 600 must be between 0 and its threshold (500)", o => { o.Tiers.Levels.Add(new Tiers.TierDefinition("Bronze", 0)); o.Tiers.Levels.Add(new Tiers.TierDefinition("Silver", 500) { RetentionThreshold = 600 }); } },
        { "LoyaltyOptions.Tiers.Levels[1] 'Silver' earn multiplier must be greater than 0", o => { o.Tiers.Levels.Add(new Tiers.TierDefinition("Bronze", 0)); o.Tiers.Levels.Add(new Tiers.TierDefinition("Silver", 500) { EarnMultiplier = 0 }); } },
        { "LoyaltyOptions.Tiers.Account 'miles' must be one of LoyaltyOptions.Ledger.Accounts", o => { o.Tiers.Levels.Add(new Tiers.TierDefinition("Bronze", 0)); o.Tiers.Account = "miles"; } },
        { "LoyaltyOptions.Tiers.ReviewPeriod must be a positive period", o => { o.Tiers.Levels.Add(new Tiers.TierDefinition("Bronze", 0)); o.Tiers.ReviewPeriod = Period.Zero; } },
        { "LoyaltyOptions.Tiers.Window must be a positive period", o => { o.Tiers.Levels.Add(new Tiers.TierDefinition("Bronze", 0)); o.Tiers.Metric = Tiers.TierMetric.PointsInWindow; o.Tiers.Window = Period.FromHours(1); } },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void ResolvingTheEngine_WithInvalidOptions_FailsNamingTheOption(string expected, Action<LoyaltyOptions> breakIt)
    {
        var services = new ServiceCollection();
        services.AddLoyalty(o =>
        {
            o.ProgramId = "valid";
            breakIt(o);
        }).UseInMemory();
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ILoyaltyEngine>());

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public async Task HostStart_WithInvalidOptions_FailsNamingTheOption(string expected, Action<LoyaltyOptions> breakIt)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddLoyalty(o =>
        {
            o.ProgramId = "valid";
            breakIt(o);
        }).UseInMemory();
        using var host = builder.Build();

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherProgram_WithInvalidOptions_FailsOnFirstUseAndAtHostStart()
    {
        var services = new ServiceCollection();
        services.AddLoyalty(o => o.ProgramId = "main").UseInMemory().AddProgram("partner", o => o.TimeZoneId = "Nowhere/Atlantis");
        await using var provider = services.BuildServiceProvider();
        var outside = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ILoyaltyEngineFactory>().GetEngine("partner"));
        Assert.Contains("LoyaltyOptions.TimeZoneId 'Nowhere/Atlantis'", outside.Message, StringComparison.Ordinal);

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddLoyalty(o => o.ProgramId = "main").UseInMemory().AddProgram("partner", o => o.TimeZoneId = "Nowhere/Atlantis");
        using var host = builder.Build();
        var atStart = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains("LoyaltyOptions.TimeZoneId 'Nowhere/Atlantis'", atStart.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostStart_WithValidOptions_StartsAndServesTheEngine()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddLoyalty(o => o.ProgramId = "shop").UseInMemory();
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);

        var engine = host.Services.GetRequiredService<ILoyaltyEngine>();
        var member = await engine.EnrollAsync(new NewMember { Id = "hosted" }, TestContext.Current.CancellationToken);

        Assert.Equal("shop", engine.ProgramId.Value);
        Assert.Equal("hosted", member.Id.Value);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void AddLoyalty_CalledTwice_RegistersOnceAndCombinesConfiguration()
    {
        var services = new ServiceCollection();
        services.AddLoyalty(o => o.ProgramId = "twice").UseInMemory();
        services.AddLoyalty(o => o.TimeZoneId = "Europe/London");
        using var provider = services.BuildServiceProvider();

        Assert.Single(services, d => d.ServiceType == typeof(ILoyaltyEngine));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<LoyaltyOptions>));
        var options = provider.GetRequiredService<IOptions<LoyaltyOptions>>().Value;
        Assert.Equal("twice", options.ProgramId);
        Assert.Equal("Europe/London", options.TimeZoneId);
        Assert.Same(provider.GetRequiredService<ILoyaltyEngine>(), provider.GetRequiredService<ILoyaltyEngine>());
    }

    [Fact]
    public void AddLoyalty_NullArguments_ThrowNamingTheParameter()
    {
        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => LoyaltyServiceCollectionExtensions.AddLoyalty(null!, _ => { })).ParamName);
        Assert.Equal("configure", Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddLoyalty(null!)).ParamName);
        Assert.Equal("builder", Assert.Throws<ArgumentNullException>(() => LoyaltyBuilderExtensions.UseInMemory(null!)).ParamName);
    }

    [Fact]
    public async Task Clock_RegisteredBeforeOrAfterAddLoyalty_ReplacesTheSystemClock()
    {
        var before = FakeClock.AtUtc(2030, 6, 1);
        var after = FakeClock.AtUtc(2031, 7, 2);

        var first = new ServiceCollection();
        first.AddSingleton<IClock>(before);
        first.AddLoyalty(o => o.ProgramId = "c1").UseInMemory();
        await using var p1 = first.BuildServiceProvider();
        var m1 = await p1.GetRequiredService<ILoyaltyEngine>().EnrollAsync(new NewMember(), TestContext.Current.CancellationToken);

        var second = new ServiceCollection();
        second.AddLoyalty(o => o.ProgramId = "c2").UseInMemory();
        second.AddSingleton<IClock>(after);
        await using var p2 = second.BuildServiceProvider();
        var m2 = await p2.GetRequiredService<ILoyaltyEngine>().EnrollAsync(new NewMember(), TestContext.Current.CancellationToken);

        Assert.Equal(before.GetCurrentInstant(), m1.CreatedAt);
        Assert.Equal(after.GetCurrentInstant(), m2.CreatedAt);
    }

    [Fact]
    public void NoStoreChosen_ResolvingTheEngine_ExplainsWhatToCall()
    {
        var services = new ServiceCollection();
        services.AddLoyalty(o => o.ProgramId = "nostore");
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ILoyaltyEngine>());
        Assert.Contains("UseInMemory()", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddProgram_ResolvesASecondProgramOverTheSameStore()
    {
        var services = new ServiceCollection();
        services.AddLoyalty(o => o.ProgramId = "main").UseInMemory().AddProgram("partner", o => o.TimeZoneId = "Europe/Paris");
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<ILoyaltyEngineFactory>();

        var main = factory.GetEngine();
        var partner = factory.GetEngine("partner");
        await main.EnrollAsync(new NewMember { Id = "same" }, TestContext.Current.CancellationToken);

        Assert.Equal("partner", partner.ProgramId.Value);
        Assert.Same(main, provider.GetRequiredService<ILoyaltyEngine>());
        Assert.Same(partner, factory.GetEngine("partner"));
        Assert.Null(await partner.FindMemberAsync("same", TestContext.Current.CancellationToken));
    }
}
