using Loyalty.Ledger;
using Loyalty.Members;
using Loyalty.PostgreSql.LoadHelper;
using Loyalty.StoreContract;

namespace Loyalty.PostgreSql.Tests.Infrastructure;

/// <summary>Seeds the members of a <see cref="Workload"/> and checks what the instances' tallies say against the ledger.</summary>
public static class WorkloadAssertions
{
    /// <summary>The points each member starts with.</summary>
    public const long SeedPoints = 100;

    public static IReadOnlyList<MemberId> Members { get; } = [.. Enumerable.Range(0, 10).Select(i => MemberId.Parse($"member-{i}"))];

    public static async Task SeedAsync(ILoyaltyEngine engine, CancellationToken cancellationToken)
    {
        foreach (var member in Members)
        {
            await engine.EnrollAsync(new NewMember { Id = member }, cancellationToken);
            await engine.AwardAsync(new AwardPoints(member, SeedPoints, $"seed-{member}"), cancellationToken);
        }
    }

    /// <summary>
    /// Every invariant holds for every member, and the ledger holds exactly the writes the instances saw succeed: earned,
    /// spent and reserved points add up, each successful write appended one entry (none lost, none doubled), and each
    /// shared redemption key was spent at most once across all instances.
    /// </summary>
    public static async Task AssertLedgerMatchesAsync(ILoyaltyEngine engine, IReadOnlyList<WorkloadTally> tallies)
    {
        var redeemed = tallies.SelectMany(t => t.Redeemed).ToList();
        Assert.Equal(redeemed.Count, redeemed.Distinct().Count());
        foreach (var member in Members)
        {
            var counts = tallies.Select(t => t.Members[member.Value]).ToArray();
            var balance = (await LedgerInvariants.AssertAsync(engine, member))[AccountName.Default];
            Assert.Equal(SeedPoints + counts.Sum(c => c.Earned), balance.Earned);
            Assert.Equal(counts.Sum(c => c.Spent), balance.Spent);
            Assert.Equal(counts.Sum(c => c.ReservedOpen), balance.Reserved);

            var entries = await LedgerInvariants.EntriesAsync(engine, member);
            Assert.Equal(1 + counts.Sum(c => c.Writes), entries.Count);
            var redemptions = entries
                .Where(e => e.IdempotencyKey?.Value.StartsWith("redeem-", StringComparison.Ordinal) == true)
                .Select(e => e.IdempotencyKey!.Value.Value)
                .ToArray();
            Assert.Equal(redemptions.Length, redemptions.Distinct().Count());
            Assert.Equal(
                redeemed.Where(k => k.StartsWith($"redeem-{member}-", StringComparison.Ordinal)).Order(StringComparer.Ordinal),
                redemptions.Order(StringComparer.Ordinal));
        }
    }

    /// <summary>Formats the throughput of the instances' concurrent phase.</summary>
    public static string Throughput(string what, IReadOnlyList<WorkloadTally> tallies, double wallSeconds)
    {
        var operations = tallies.Sum(t => t.Operations);
        var refused = tallies.Sum(t => t.Members.Values.Sum(m => m.Refusals));
        var replayed = tallies.Sum(t => t.Members.Values.Sum(m => m.Replays));
        return FormattableString.Invariant(
            $"{what}: {tallies.Count} instances, {operations} operations on {Members.Count} members in {wallSeconds:F2} s = {operations / wallSeconds:F0} ops/s ({refused} refused for lack of points, {replayed} redemption retries replayed)");
    }
}
