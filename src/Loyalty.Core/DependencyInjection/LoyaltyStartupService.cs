using Loyalty;
using Loyalty.Engine;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>At host start, prepares the store (migrations) and creates the default engine, so bad options fail fast.</summary>
internal sealed class LoyaltyStartupService(StoreInitializer initializer, ILoyaltyEngineFactory factory) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await initializer.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        _ = factory.GetEngine();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
