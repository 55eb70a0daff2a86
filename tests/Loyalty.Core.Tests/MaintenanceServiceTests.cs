using Loyalty.Ledger;
using Loyalty.Members;
using Loyalty.StoreContract;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Loyalty.Core.Tests;

public sealed class MaintenanceServiceTests
{
    [Fact]
    public async Task HostedService_RunsMaintenanceOnSchedule_ForEveryProgram()
    {
        var clock = FakeClock.AtUtc(2026, 1, 1);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IClock>(clock);
        builder.Services.AddLoyalty(o =>
            {
                o.ProgramId = "main";
                o.Ledger.Expiry = ExpiryPolicy.FixedLifetime(Period.FromDays(1));
                o.Ledger.MaintenanceInterval = TimeSpan.FromMilliseconds(50);
            })
            .UseInMemory()
            .AddProgram("partner", o =>
            {
                o.Ledger.Expiry = ExpiryPolicy.FixedLifetime(Period.FromDays(1));
                o.Ledger.MaintenanceInterval = TimeSpan.FromMilliseconds(50);
            });
        using var host = builder.Build();
        var factory = host.Services.GetRequiredService<ILoyaltyEngineFactory>();
        var engines = new[] { factory.GetEngine(), factory.GetEngine("partner") };
        foreach (var engine in engines)
        {
            await engine.EnrollAsync(new NewMember { Id = "m" }, TestContext.Current.CancellationToken);
            await engine.AwardAsync(new AwardPoints("m", 10, "earn-1"), TestContext.Current.CancellationToken);
        }

        await host.StartAsync(TestContext.Current.CancellationToken);
        clock.AdvanceDays(3);

        foreach (var engine in engines)
        {
            var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
            while ((await engine.GetBalanceAsync("m", cancellationToken: TestContext.Current.CancellationToken)).Expired == 0 && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }

            Assert.Equal(10, (await engine.GetBalanceAsync("m", cancellationToken: TestContext.Current.CancellationToken)).Expired);
        }

        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task HostedService_Disabled_DoesNothing()
    {
        var clock = FakeClock.AtUtc(2026, 1, 1);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IClock>(clock);
        builder.Services.AddLoyalty(o =>
        {
            o.ProgramId = "quiet";
            o.Ledger.Expiry = ExpiryPolicy.FixedLifetime(Period.FromDays(1));
            o.Ledger.BackgroundMaintenance = false;
            o.Ledger.MaintenanceInterval = TimeSpan.FromMilliseconds(20);
        }).UseInMemory();
        using var host = builder.Build();
        var engine = host.Services.GetRequiredService<ILoyaltyEngine>();
        await engine.EnrollAsync(new NewMember { Id = "m" }, TestContext.Current.CancellationToken);
        await engine.AwardAsync(new AwardPoints("m", 10, "earn-1"), TestContext.Current.CancellationToken);

        await host.StartAsync(TestContext.Current.CancellationToken);
        clock.AdvanceDays(3);
        await Task.Delay(300, TestContext.Current.CancellationToken);

        Assert.Equal(0, (await engine.GetBalanceAsync("m", cancellationToken: TestContext.Current.CancellationToken)).Expired);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }
}
