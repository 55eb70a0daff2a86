using Loyalty.Ledger;

namespace Loyalty.Sqlite.Worker;

/// <summary>
/// Writes until it is killed: batches of awards (one transaction each, keys <c>rRUN:bN:I</c>) alternating with single
/// awards and spends (keys <c>rRUN:sN</c>). After each batch commits it prints <c>committed N</c>, so the parent test knows
/// which batches must survive the kill.
/// </summary>
internal static class CrashWriter
{
    public const int BatchSize = 50;

    public static async Task RunAsync(ILoyaltyEngine engine, int run, int members)
    {
        Console.WriteLine("ready");
        for (var batch = 0; ; batch++)
        {
            var awards = new AwardPoints[BatchSize];
            for (var i = 0; i < BatchSize; i++)
            {
                awards[i] = new AwardPoints(MemberId.Parse($"m{(batch + i) % members}"), 1 + ((batch * 7 + i) % 90), $"r{run}:b{batch}:{i}");
            }

            var result = await engine.AwardBatchAsync(awards);
            if (result.Items.Any(item => item.Error is not null))
            {
                throw new InvalidOperationException($"batch {batch} had a refused award: {result.Items.First(item => item.Error is not null).Error!.Message}");
            }

            Console.WriteLine($"committed {batch}");
            var member = MemberId.Parse($"m{batch % members}");
            await engine.AwardAsync(new AwardPoints(member, 10, $"r{run}:s{batch}"));
            try
            {
                await engine.SpendAsync(new SpendPoints(member, 25, $"r{run}:x{batch}"));
            }
            catch (LoyaltyException ex) when (ex.Code == ErrorCode.InsufficientPoints)
            {
                // Nothing written: fine.
            }
        }
    }
}
