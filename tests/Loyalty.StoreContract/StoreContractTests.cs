using Loyalty.Configuration;
using Loyalty.Storage;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Loyalty.StoreContract;

/// <summary>
/// The base of every contract test class: builds engines over the fixture's store with a fake clock. Each engine gets a
/// fresh program id unless one is given, so tests sharing a store never see each other's data.
/// </summary>
public abstract class StoreContractTests<TFixture> : IClassFixture<TFixture>, IAsyncDisposable
    where TFixture : class, IStoreFixture
{
    private readonly List<ServiceProvider> _providers = [];

    protected StoreContractTests(TFixture fixture)
    {
        Fixture = fixture;
    }

    protected TFixture Fixture { get; }

    protected ILoyaltyStore Store => Fixture.Store;

    protected FakeClock Clock { get; } = FakeClock.AtUtc(2026, 1, 15);

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    protected static string NewProgramId() => "p" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>Creates an engine for a new program (or <paramref name="programId"/>) over the shared store.</summary>
    protected ILoyaltyEngine CreateEngine(Action<LoyaltyOptions>? configure = null, string? programId = null, ILoyaltyStore? store = null, IClock? clock = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock ?? Clock);
        services.AddLoyalty(options =>
        {
            options.ProgramId = programId ?? NewProgramId();
            configure?.Invoke(options);
        }).UseStore(store ?? Store);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        var engine = provider.GetRequiredService<ILoyaltyEngine>();
        if (store is null || ReferenceEquals(store, Store))
        {
            EnginesOverTheSharedStore.Add(engine);
        }

        return engine;
    }

    /// <summary>Gets the engines this test created over the fixture's store (engines over other instances are left out: tests dispose those).</summary>
    protected IList<ILoyaltyEngine> EnginesOverTheSharedStore { get; } = [];

    /// <summary>Runs after every test of the class, before its engines are disposed; a failure fails the test.</summary>
    protected virtual Task AfterEachTestAsync() => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await AfterEachTestAsync();
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
