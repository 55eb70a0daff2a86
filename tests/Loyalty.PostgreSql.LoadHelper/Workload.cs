using System.Collections.Concurrent;
using System.Diagnostics;
using Loyalty.Ledger;

namespace Loyalty.PostgreSql.LoadHelper;

/// <summary>
/// Random ledger writes on a few members, as one app instance would make them, tallying what succeeded. Earn, spend and
/// reservation keys are unique to the instance; redemption keys are shared by every instance (the same reward claimed from
/// several instances at once), so that exactly one claim of each may write. Compiled into the load helper and into the
/// tests, so that separate processes and in-process instances run the same workload.
/// </summary>
public sealed class Workload(ILoyaltyEngine engine, IReadOnlyList<MemberId> members, string instance)
{
    /// <summary>The points of one redemption.</summary>
    public const long RedemptionPoints = 5;

    /// <summary>The number of distinct redemption keys per member.</summary>
    public const int RedemptionsPerMember = 25;

    /// <summary>The reason of redemptions: identical everywhere, so that a retry of a key from another instance replays it.</summary>
    public const string RedemptionReason = "reward claim";

    public static string RedemptionKey(MemberId member, int number) => $"redeem-{member}-{number}";

    /// <summary>Runs <paramref name="operations"/> random writes from <paramref name="concurrency"/> concurrent tasks.</summary>
    public async Task<WorkloadTally> RunAsync(int operations, int concurrency, int seed, CancellationToken cancellationToken)
    {
        var tally = new WorkloadTally { Instance = instance };
        foreach (var member in members)
        {
            tally.Members[member.Value] = new MemberTally();
        }

        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(task => Task.Run(async () =>
        {
            var random = new Random(HashCode.Combine(seed, task));
            var open = new Queue<(MemberId Member, EntryId Entry, long Points)>();
            while (Interlocked.Increment(ref next) < operations)
            {
                await OperateAsync(random, open, tally, $"{instance}-{task}-{next}", cancellationToken).ConfigureAwait(false);
            }

            foreach (var (member, _, points) in open)
            {
                tally.Member(member).AddReservedOpen(points);
            }
        }, cancellationToken))).ConfigureAwait(false);
        tally.Seconds = watch.Elapsed.TotalSeconds;
        tally.Operations = operations;
        return tally;
    }

    private async Task OperateAsync(Random random, Queue<(MemberId Member, EntryId Entry, long Points)> open, WorkloadTally tally, string key, CancellationToken cancellationToken)
    {
        var member = members[random.Next(members.Count)];
        var counts = tally.Member(member);
        try
        {
            var dice = random.Next(100);
            if (dice < 35)
            {
                var points = random.Next(1, 30);
                await engine.AwardAsync(new AwardPoints(member, points, "earn-" + key) { Reason = "purchase" }, cancellationToken).ConfigureAwait(false);
                counts.AddEarned(points);
            }
            else if (dice < 60)
            {
                var points = random.Next(1, 50);
                await engine.SpendAsync(new SpendPoints(member, points, "spend-" + key) { Reason = "reward" }, cancellationToken).ConfigureAwait(false);
                counts.AddSpent(points);
            }
            else if (dice < 75)
            {
                var points = random.Next(1, 30);
                var result = await engine.ReserveAsync(new ReservePoints(member, points, "reserve-" + key) { Reason = "checkout" }, cancellationToken).ConfigureAwait(false);
                counts.AddWrite();
                open.Enqueue((member, result.Entry.Id, points));
            }
            else if (dice < 90)
            {
                if (open.TryDequeue(out var held))
                {
                    var settle = new SettleHold(held.Member, held.Entry, "settle-" + key);
                    if (random.Next(2) == 0)
                    {
                        await engine.CommitReservationAsync(settle, cancellationToken).ConfigureAwait(false);
                        tally.Member(held.Member).AddSpent(held.Points);
                    }
                    else
                    {
                        await engine.ReleaseReservationAsync(settle, cancellationToken).ConfigureAwait(false);
                        tally.Member(held.Member).AddWrite();
                    }
                }
            }
            else
            {
                var redemption = RedemptionKey(member, random.Next(RedemptionsPerMember));
                var result = await engine.SpendAsync(new SpendPoints(member, RedemptionPoints, redemption) { Reason = RedemptionReason, Actor = "shop" }, cancellationToken).ConfigureAwait(false);
                if (result.Replayed)
                {
                    counts.AddReplay();
                }
                else
                {
                    counts.AddSpent(RedemptionPoints);
                    tally.AddRedeemed(redemption);
                }
            }
        }
        catch (LoyaltyException ex) when (ex.Code == ErrorCode.InsufficientPoints)
        {
            counts.AddRefusal();
        }
    }
}

/// <summary>What one instance's workload did, per member: successful writes and the points they moved.</summary>
public sealed class WorkloadTally
{
    public string Instance { get; set; } = string.Empty;

    public int Operations { get; set; }

    public double Seconds { get; set; }

    public ConcurrentDictionary<string, MemberTally> Members { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets the redemption keys this instance wrote (not replayed).</summary>
    public List<string> Redeemed { get; set; } = [];

    public MemberTally Member(MemberId member) => Members[member.Value];

    public void AddRedeemed(string key)
    {
        lock (Redeemed)
        {
            Redeemed.Add(key);
        }
    }
}

/// <summary>One member's tally (thread-safe).</summary>
public sealed class MemberTally
{
    private long _earned;
    private long _spent;
    private long _reservedOpen;
    private int _writes;
    private int _refusals;
    private int _replays;

    public long Earned { get => _earned; set => _earned = value; }

    public long Spent { get => _spent; set => _spent = value; }

    public long ReservedOpen { get => _reservedOpen; set => _reservedOpen = value; }

    /// <summary>Gets or sets the number of successful writes, each of which appended exactly one ledger entry.</summary>
    public int Writes { get => _writes; set => _writes = value; }

    public int Refusals { get => _refusals; set => _refusals = value; }

    public int Replays { get => _replays; set => _replays = value; }

    public void AddEarned(long points)
    {
        Interlocked.Add(ref _earned, points);
        AddWrite();
    }

    public void AddSpent(long points)
    {
        Interlocked.Add(ref _spent, points);
        AddWrite();
    }

    public void AddReservedOpen(long points) => Interlocked.Add(ref _reservedOpen, points);

    public void AddWrite() => Interlocked.Increment(ref _writes);

    public void AddRefusal() => Interlocked.Increment(ref _refusals);

    public void AddReplay() => Interlocked.Increment(ref _replays);
}
