using Loyalty.Configuration;
using Loyalty.Storage;
using Loyalty.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Store selection and extra programs on <see cref="ILoyaltyBuilder"/>.</summary>
public static class LoyaltyBuilderExtensions
{
    /// <summary>Uses the in-memory store (tests and demos): thread-safe, same semantics as the database stores, nothing persisted.</summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static ILoyaltyBuilder UseInMemory(this ILoyaltyBuilder builder) =>
        builder.UseStore(static _ => new InMemoryLoyaltyStore());

    /// <summary>Uses a store created by <paramref name="factory"/>, replacing any store chosen before.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Creates the store (once, as a singleton).</param>
    /// <returns>The builder.</returns>
    public static ILoyaltyBuilder UseStore(this ILoyaltyBuilder builder, Func<IServiceProvider, ILoyaltyStore> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.Replace(ServiceDescriptor.Singleton(factory));
        return builder;
    }

    /// <summary>
    /// Uses a store instance the caller owns (it is not disposed with the service provider), replacing any store
    /// chosen before. Useful to share one store between several service providers, as tests do.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="store">The store.</param>
    /// <returns>The builder.</returns>
    public static ILoyaltyBuilder UseStore(this ILoyaltyBuilder builder, ILoyaltyStore store)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(store);
        builder.Services.Replace(ServiceDescriptor.Singleton(store));
        return builder;
    }

    /// <summary>
    /// Adds another program served from the same store, resolved with <see cref="Loyalty.ILoyaltyEngineFactory.GetEngine"/>
    /// by <paramref name="name"/>. Its <see cref="LoyaltyOptions.ProgramId"/> defaults to the name.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The program's registration name.</param>
    /// <param name="configure">Configures the program's options.</param>
    /// <returns>The builder.</returns>
    public static ILoyaltyBuilder AddProgram(this ILoyaltyBuilder builder, string name, Action<LoyaltyOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<LoyaltyOptions>(name)
            .Configure(options => options.ProgramId = name)
            .Configure(configure)
            .ValidateOnStart();
        ProgramRegistration.Add(builder.Services, name);
        return builder;
    }
}
