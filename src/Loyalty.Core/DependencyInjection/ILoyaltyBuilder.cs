namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Configures Loyalty.Core after <c>AddLoyalty</c>: pick a store, add programs.</summary>
public interface ILoyaltyBuilder
{
    /// <summary>Gets the service collection being configured.</summary>
    IServiceCollection Services { get; }
}
