using Loyalty.Ledger;
using Loyalty.Members;

namespace Loyalty.Benchmarks;

/// <summary>Fills any store through the engine's batch APIs: members imported with opening points, then more awards.</summary>
internal static class EngineSeed
{
    public static MemberId Member(int index) => MemberId.Parse($"member-{index:D7}");

    /// <summary>Gets <paramref name="count"/> of the first <paramref name="members"/> seeded members, evenly spread.</summary>
    public static MemberId[] Spread(int members, int count)
    {
        var ids = new MemberId[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = Member(i * (members / count));
        }

        return ids;
    }

    /// <summary>Imports <paramref name="members"/> active members, each with an opening award (one lot).</summary>
    public static void Members(ILoyaltyEngine engine, int members, long openingPoints = 100)
    {
        const int Chunk = 5_000;
        for (var start = 0; start < members; start += Chunk)
        {
            var rows = new List<MemberImport>(Chunk);
            for (var i = start; i < Math.Min(start + Chunk, members); i++)
            {
                rows.Add(new MemberImport(new NewMember { Id = Member(i) }, openingPoints + (i % 100)));
            }

            var result = engine.ImportMembersAsync(rows).GetAwaiter().GetResult();
            if (result.Rows.Any(r => r.Outcome == ImportOutcome.Rejected))
            {
                throw new InvalidOperationException($"Seeding rejected a row: {result.Rows.First(r => r.Outcome == ImportOutcome.Rejected).Error?.Message}");
            }
        }
    }

    /// <summary>Awards every member <paramref name="awardsPerMember"/> more times (each award opens a lot), in batches.</summary>
    public static void Awards(ILoyaltyEngine engine, int members, int awardsPerMember, string keyPrefix)
    {
        const int Chunk = 10_000;
        var requests = new List<AwardPoints>(Chunk);
        for (var round = 0; round < awardsPerMember; round++)
        {
            for (var i = 0; i < members; i++)
            {
                requests.Add(new AwardPoints(Member(i), 10 + round, IdempotencyKey.Parse($"{keyPrefix}-{round}-{i}")));
                if (requests.Count == Chunk)
                {
                    Flush(engine, requests);
                }
            }
        }

        Flush(engine, requests);
    }

    private static void Flush(ILoyaltyEngine engine, List<AwardPoints> requests)
    {
        if (requests.Count == 0)
        {
            return;
        }

        var result = engine.AwardBatchAsync(requests).GetAwaiter().GetResult();
        if (result.Items.FirstOrDefault(i => i.Error is not null) is { } failed)
        {
            throw new InvalidOperationException($"Seeding failed an award: {failed.Error!.Message}");
        }

        requests.Clear();
    }
}
