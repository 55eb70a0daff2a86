using Loyalty;
using Loyalty.Configuration;
using Loyalty.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Runs <see cref="ILoyaltyEngine.RunMaintenanceAsync"/> for every registered program whose
/// <see cref="LedgerOptions.BackgroundMaintenance"/> is on, at start and then every
/// <see cref="LedgerOptions.MaintenanceInterval"/>. Safe with many app instances: each due item is processed once.
/// </summary>
internal sealed class LoyaltyMaintenanceService(
    IEnumerable<ProgramRegistration> programs,
    ILoyaltyEngineFactory factory,
    IOptionsMonitor<LoyaltyOptions> options,
    IClock clock,
    IServiceProvider services) : BackgroundService
{
    private readonly ILogger _logger = (services.GetService(typeof(ILoggerFactory)) as ILoggerFactory ?? NullLoggerFactory.Instance).CreateLogger(LoyaltyDiagnostics.Name);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var enabled = programs.Select(p => p.Name).Distinct().Where(name => options.Get(name).Ledger.BackgroundMaintenance).ToArray();
        if (enabled.Length == 0)
        {
            return;
        }

        var interval = enabled.Min(name => options.Get(name).Ledger.MaintenanceInterval);
        using var timer = new PeriodicTimer(interval);
        do
        {
            foreach (var name in enabled)
            {
                var engine = factory.GetEngine(name);
                try
                {
                    await engine.RunMaintenanceAsync(clock.GetCurrentInstant(), stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.MaintenanceFailed(_logger, ex, engine.ProgramId.Value);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
