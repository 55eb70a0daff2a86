namespace Microsoft.Extensions.DependencyInjection;

internal sealed class LoyaltyBuilder(IServiceCollection services) : ILoyaltyBuilder
{
    public IServiceCollection Services { get; } = services;
}
