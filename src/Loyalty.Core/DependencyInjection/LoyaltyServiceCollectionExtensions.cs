using Loyalty;
using Loyalty.Configuration;
using Loyalty.Engine;
using Loyalty.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Loyalty.Core in a service collection.</summary>
public static class LoyaltyServiceCollectionExtensions
{
    /// <summary>
    /// Adds the loyalty engine of one program: <see cref="ILoyaltyEngine"/>, <see cref="ILoyaltyEngineFactory"/>, a
    /// replaceable NodaTime <see cref="IClock"/> (the system clock), options validation at start, and the maintenance
    /// service. Choose a store on the returned builder (<c>UseInMemory()</c>, <c>UseSqlite(…)</c>,
    /// <c>UsePostgreSql(…)</c>). Safe to call more than once: configurations add up, services are registered once.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the program's options; <see cref="LoyaltyOptions.ProgramId"/> is required.</param>
    /// <returns>The builder.</returns>
    public static ILoyaltyBuilder AddLoyalty(this IServiceCollection services, Action<LoyaltyOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<LoyaltyOptions>().Configure(configure).ValidateOnStart();
        return AddCore(services);
    }

    /// <summary>Adds the loyalty engine with options bound elsewhere (for example from configuration).</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The builder.</returns>
    public static ILoyaltyBuilder AddLoyalty(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<LoyaltyOptions>().ValidateOnStart();
        return AddCore(services);
    }

    private static LoyaltyBuilder AddCore(IServiceCollection services)
    {
#pragma warning disable RS0030 // The one place that names the system clock: the replaceable default registration.
        services.TryAddSingleton<IClock>(SystemClock.Instance);
#pragma warning restore RS0030
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LoyaltyOptions>, LoyaltyOptionsValidator>());
        services.TryAddSingleton<ILoyaltyStore>(_ => throw new InvalidOperationException(
            "No loyalty store is configured: call UseInMemory(), UseSqlite(...) or UsePostgreSql(...) on the builder returned by AddLoyalty()."));
        services.TryAddSingleton<StoreInitializer>();
        services.TryAddSingleton<ILoyaltyEngineFactory, LoyaltyEngineFactory>();
        services.TryAddSingleton(sp => sp.GetRequiredService<ILoyaltyEngineFactory>().GetEngine());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LoyaltyStartupService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LoyaltyMaintenanceService>());
        ProgramRegistration.Add(services, Options.Options.DefaultName);
        return new LoyaltyBuilder(services);
    }
}
