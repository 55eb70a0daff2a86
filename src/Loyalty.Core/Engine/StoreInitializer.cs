using Loyalty.Storage;

namespace Loyalty.Engine;

/// <summary>Runs the store's one-time initialization (schema creation and migrations) exactly once per process.</summary>
internal sealed class StoreInitializer(ILoyaltyStore store) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void Dispose() => _gate.Dispose();

    public async ValueTask EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_ready)
            {
                await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
                _ready = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
