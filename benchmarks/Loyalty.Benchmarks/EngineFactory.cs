using Loyalty.Configuration;
using Loyalty.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Benchmarks;

/// <summary>Builds an engine over a given store, as a host app would.</summary>
internal static class EngineFactory
{
    public static (ILoyaltyEngine Engine, ServiceProvider Provider) Create(Action<ILoyaltyBuilder> useStore, Action<LoyaltyOptions>? configure = null)
    {
        var services = new ServiceCollection();
        var builder = services.AddLoyalty(options =>
        {
            options.ProgramId = "bench";
            options.Ledger.BackgroundMaintenance = false;
            configure?.Invoke(options);
        });
        useStore(builder);
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<ILoyaltyEngine>(), provider);
    }

    public static (ILoyaltyEngine Engine, ServiceProvider Provider) InMemory(Action<LoyaltyOptions>? configure = null) =>
        Create(builder => builder.UseInMemory(), configure);
}
