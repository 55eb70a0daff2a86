using System.Globalization;
using Loyalty.Ledger;
using Loyalty.Lifecycle;
using Loyalty.Members;
using NodaTime;

namespace Loyalty.Cli.Demo;

/// <summary>
/// Simulates months of a coffee-shop loyalty program on a fake clock, through the engine only: a bulk enrollment (with
/// welcome points) and guests, daily purchases written as one batch (some held for a return window), free-coffee
/// rewards, checkouts paid with points (reserved, then paid, abandoned or left to time out), suspensions, a ban, erasure
/// requests, and a weekly maintenance run that approves held points, releases stale reservations and expires old
/// points. Deterministic for a seed: one seeded random source, read in a fixed order.
/// </summary>
internal sealed class DemoSimulation
{
    private const long RewardCost = 500;
    private const long CheckoutPoints = 250;

    private readonly ILoyaltyEngine _engine;
    private readonly DemoClock _clock;
    private readonly DemoSettings _settings;
    private readonly Random _random;
    private readonly List<Shopper> _shoppers;

    public DemoSimulation(ILoyaltyEngine engine, DemoClock clock, DemoSettings settings)
    {
        _engine = engine;
        _clock = clock;
        _settings = settings;
        _random = new Random(settings.Seed);
        _shoppers = DemoPopulation.Create(_random, settings.Members);
    }

    public DemoStatistics Statistics { get; } = new();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _clock.Now = DemoSettings.Start;
        await EnrollAsync(cancellationToken).ConfigureAwait(false);
        for (var day = 0; day < _settings.Days; day++)
        {
            var morning = DemoSettings.Start + Duration.FromDays(day) + Duration.FromHours(1);
            _clock.Now = morning;
            await ChangeStatusesAsync(day, cancellationToken).ConfigureAwait(false);
            await PurchasesAsync(day, cancellationToken).ConfigureAwait(false);
            _clock.Now = morning + Duration.FromHours(3);
            await RewardsAndCheckoutsAsync(day, cancellationToken).ConfigureAwait(false);
            if (day % 7 == 6)
            {
                _clock.Now = morning + Duration.FromHours(14);
                await MaintainAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        _clock.Now = _settings.End;
        await MaintainAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Enrolls everyone but the guests in one bulk import (one in five with welcome points), then records the guests.</summary>
    private async Task EnrollAsync(CancellationToken cancellationToken)
    {
        var imports = new List<MemberImport>();
        foreach (var shopper in _shoppers)
        {
            if (shopper.Status == MemberStatus.Inactive)
            {
                await _engine.AddGuestAsync(shopper.Profile, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var welcome = _random.Next(5) == 0 ? 100 : 0;
                imports.Add(new MemberImport(shopper.Profile, welcome) { Reason = "welcome bonus" });
            }
        }

        await _engine.ImportMembersAsync(imports, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Operator actions on fixed days: guests who sign up, a fraud review, a ban, erasure requests.</summary>
    private async Task ChangeStatusesAsync(int day, CancellationToken cancellationToken)
    {
        switch (day)
        {
            case 30:
                for (var i = 9; i < _shoppers.Count; i += 20)
                {
                    await ChangeAsync(i, MemberStatus.Active, "signed up after a guest checkout", cancellationToken).ConfigureAwait(false);
                }

                break;
            case 45:
                await ChangeAsync(3, MemberStatus.Suspended, "unusual refund pattern", cancellationToken).ConfigureAwait(false);
                await ChangeAsync(17, MemberStatus.Suspended, "unusual refund pattern", cancellationToken).ConfigureAwait(false);
                await ChangeAsync(42, MemberStatus.Suspended, "unusual refund pattern", cancellationToken).ConfigureAwait(false);
                break;
            case 75:
                await ChangeAsync(3, MemberStatus.Active, "review cleared", cancellationToken).ConfigureAwait(false);
                break;
            case 90:
                await ChangeAsync(42, MemberStatus.Banned, "confirmed fraud", cancellationToken).ConfigureAwait(false);
                break;
            case 100:
                await ChangeAsync(7, MemberStatus.OptedOut, "erasure request", cancellationToken).ConfigureAwait(false);
                await ChangeAsync(28, MemberStatus.OptedOut, "erasure request", cancellationToken).ConfigureAwait(false);
                break;
            default:
                break;
        }
    }

    private async Task ChangeAsync(int index, MemberStatus to, string reason, CancellationToken cancellationToken)
    {
        if (index >= _shoppers.Count)
        {
            return;
        }

        var shopper = _shoppers[index];
        await _engine.ChangeStatusAsync(shopper.Id, new StatusChange(to) { Reason = reason, Actor = DemoPopulation.Actor }, cancellationToken).ConfigureAwait(false);
        _shoppers[index] = shopper with { Status = to };
        Statistics.StatusChanges++;
    }

    /// <summary>The day's purchases, written as one batch: 10 points per pound, one in seven held for a 14-day return window.</summary>
    private async Task PurchasesAsync(int day, CancellationToken cancellationToken)
    {
        var awards = new List<AwardPoints>();
        for (var i = 0; i < _shoppers.Count; i++)
        {
            var shopper = _shoppers[i];
            if (!shopper.CanEarn || _random.NextDouble() >= shopper.VisitsPerDay)
            {
                continue;
            }

            var pounds = 2 + _random.Next(19);
            var held = _random.Next(7) == 0;
            var order = string.Create(CultureInfo.InvariantCulture, $"order-{day + 1:D3}-{i + 1:D3}");
            awards.Add(new AwardPoints(shopper.Id, pounds * 10, $"{order}:earn") { Pending = held, Reason = order, Actor = "till" });
            Statistics.HeldPurchases += held ? 1 : 0;
        }

        var result = await _engine.AwardBatchAsync(awards, cancellationToken: cancellationToken).ConfigureAwait(false);
        Statistics.Purchases += result.Succeeded;
    }

    /// <summary>Free-coffee rewards (a spend) and checkouts paid with points (a reservation, settled minutes later).</summary>
    private async Task RewardsAndCheckoutsAsync(int day, CancellationToken cancellationToken)
    {
        var reservations = new List<(MemberId Member, EntryId Reservation)>();
        for (var i = 0; i < _shoppers.Count; i++)
        {
            var shopper = _shoppers[i];
            var roll = _random.NextDouble();
            if (shopper.Status != MemberStatus.Active || roll >= 0.02)
            {
                continue;
            }

            var spendable = (await _engine.GetBalanceAsync(shopper.Id, cancellationToken: cancellationToken).ConfigureAwait(false)).Spendable;
            var key = string.Create(CultureInfo.InvariantCulture, $"{day + 1:D3}-{i + 1:D3}");
            if (roll < 0.01 && spendable >= RewardCost)
            {
                await _engine.SpendAsync(new SpendPoints(shopper.Id, RewardCost, $"reward-{key}") { Reason = "free coffee", Actor = "app" }, cancellationToken).ConfigureAwait(false);
                Statistics.Rewards++;
            }
            else if (roll >= 0.01 && spendable >= CheckoutPoints)
            {
                var reserved = await _engine.ReserveAsync(new ReservePoints(shopper.Id, CheckoutPoints, $"checkout-{key}") { Reason = "pay with points", Actor = "web" }, cancellationToken).ConfigureAwait(false);
                reservations.Add((shopper.Id, reserved.Entry.Id));
            }
        }

        _clock.Now += Duration.FromMinutes(10);
        foreach (var (member, reservation) in reservations)
        {
            var roll = _random.NextDouble();
            var settle = new SettleHold(member, reservation, $"settle-{reservation}") { Actor = "web" };
            if (roll < 0.85)
            {
                await _engine.CommitReservationAsync(settle with { Reason = "order paid" }, cancellationToken).ConfigureAwait(false);
                Statistics.CheckoutsPaid++;
            }
            else if (roll < 0.95)
            {
                await _engine.ReleaseReservationAsync(settle with { Reason = "basket abandoned" }, cancellationToken).ConfigureAwait(false);
                Statistics.CheckoutsAbandoned++;
            }

            // The rest are left open: the maintenance run releases them after the one-hour timeout.
        }
    }

    private async Task MaintainAsync(CancellationToken cancellationToken)
    {
        var report = await _engine.RunMaintenanceAsync(_clock.Now, cancellationToken).ConfigureAwait(false);
        Statistics.MaintenanceRuns++;
        Statistics.ReservationsTimedOut += report.ReservationsReleased;
    }
}
