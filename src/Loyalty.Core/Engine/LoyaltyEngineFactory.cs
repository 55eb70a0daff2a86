using System.Collections.Concurrent;
using Loyalty.Configuration;
using Loyalty.Diagnostics;
using Loyalty.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Loyalty.Engine;

/// <summary>Creates one engine per registered program, from its validated options.</summary>
internal sealed class LoyaltyEngineFactory(
    IOptionsMonitor<LoyaltyOptions> options,
    ILoyaltyStore store,
    IClock clock,
    StoreInitializer initializer,
    IServiceProvider services) : ILoyaltyEngineFactory
{
    private readonly ConcurrentDictionary<string, LoyaltyEngine> _engines = new(StringComparer.Ordinal);
    private readonly ILoggerFactory _loggerFactory = services.GetService(typeof(ILoggerFactory)) as ILoggerFactory ?? NullLoggerFactory.Instance;

    public ILoyaltyEngine GetEngine(string? name = null) => GetLoyaltyEngine(name);

    internal LoyaltyEngine GetLoyaltyEngine(string? name) =>
        _engines.GetOrAdd(name ?? Options.DefaultName, key => new LoyaltyEngine(
            options.Get(key), store, clock, initializer, _loggerFactory.CreateLogger(LoyaltyDiagnostics.Name)));
}
