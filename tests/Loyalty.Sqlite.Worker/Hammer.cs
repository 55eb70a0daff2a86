using System.Text.Json;
using Loyalty.Ledger;

namespace Loyalty.Sqlite.Worker;

/// <summary>
/// Random ledger writes (awards, spends, reservations then commits or releases, deductions) on shared members, counting
/// what was committed per member so that the parent test can check the store's totals against the sum over processes.
/// </summary>
internal static class Hammer
{
    public static async Task<string> RunAsync(ILoyaltyEngine engine, int seed, int operations, int members)
    {
        var random = new Random(seed);
        var totals = new Dictionary<string, MemberTotals>();
        var open = new List<(MemberId Member, EntryId Hold, long Points)>();
        var failures = new List<string>();
        var tag = $"w{seed}";
        for (var i = 0; i < operations; i++)
        {
            var member = MemberId.Parse($"m{random.Next(members)}");

            // The totals of the member whose ledger the write goes to (a commit or release: the reservation's member).
            var t = totals.TryGetValue(member.Value, out var existing) ? existing : totals[member.Value] = new MemberTotals();
            var key = $"{tag}:{i}";
            var points = random.Next(1, 200);
            try
            {
                switch (random.Next(100))
                {
                    case < 40:
                        await engine.AwardAsync(new AwardPoints(member, points, key));
                        t.Awarded += points;
                        break;
                    case < 60:
                        await engine.SpendAsync(new SpendPoints(member, points, key));
                        t.Spent += points;
                        break;
                    case < 75:
                        var reservation = await engine.ReserveAsync(new ReservePoints(member, points, key));
                        open.Add((member, reservation.Entry.Id, points));
                        t.Reserved += points;
                        break;
                    case < 95 when open.Count > 0:
                        var index = random.Next(open.Count);
                        var (holdMember, hold, held) = open[index];
                        open.RemoveAt(index);
                        var holder = totals[holdMember.Value];
                        t = holder;
                        holder.Reserved -= held;
                        if (random.Next(2) == 0)
                        {
                            await engine.CommitReservationAsync(new SettleHold(holdMember, hold, key));
                            holder.Spent += held;
                        }
                        else
                        {
                            await engine.ReleaseReservationAsync(new SettleHold(holdMember, hold, key));
                        }

                        break;
                    default:
                        await engine.DeductAsync(new DeductPoints(member, Math.Min(points, 20), key));
                        t.Deducted += Math.Min(points, 20);
                        break;
                }

                t.Writes++;
            }
            catch (LoyaltyException ex) when (ex.Code == ErrorCode.InsufficientPoints)
            {
                t.Refused++;
            }
            catch (LoyaltyException ex)
            {
                failures.Add($"{ex.Code}: {ex.Message}");
            }
        }

        return JsonSerializer.Serialize(new { members = totals, failures });
    }

    private sealed class MemberTotals
    {
        public long Awarded { get; set; }

        public long Spent { get; set; }

        public long Reserved { get; set; }

        public long Deducted { get; set; }

        public int Writes { get; set; }

        public int Refused { get; set; }
    }
}
