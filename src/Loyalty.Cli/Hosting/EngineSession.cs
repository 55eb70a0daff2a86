using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Loyalty.Cli.Hosting;

/// <summary>An engine over one store for one command, with the service provider that owns (and closes) the store.</summary>
internal sealed class EngineSession : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private EngineSession(ServiceProvider provider, StoreLocation store)
    {
        _provider = provider;
        Store = store;
        Engine = provider.GetRequiredService<ILoyaltyEngine>();
        Clock = provider.GetRequiredService<IClock>();
    }

    /// <summary>Gets the engine.</summary>
    public ILoyaltyEngine Engine { get; }

    /// <summary>Gets the clock the engine uses.</summary>
    public IClock Clock { get; }

    /// <summary>Gets the store the engine works on.</summary>
    public StoreLocation Store { get; }

    /// <summary>Opens an engine for the program over the store.</summary>
    /// <param name="store">The store.</param>
    /// <param name="programId">The program.</param>
    /// <param name="clock">The clock; <see langword="null"/> for the system clock.</param>
    /// <returns>The session; dispose it to close the store.</returns>
    public static EngineSession Open(StoreLocation store, ProgramId programId, IClock? clock)
    {
        var services = new ServiceCollection();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        store.Register(services.AddLoyalty(options => CliProgram.Configure(options, programId)));
        return new EngineSession(services.BuildServiceProvider(), store);
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
