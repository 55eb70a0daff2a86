using System.Text.Json;
using Loyalty.Ledger;

namespace Loyalty.Engine;

/// <summary>The stored form of a ledger write's result: the ids of its entries and the balance right after it.</summary>
internal static class LedgerResultJson
{
    public static string Serialize(LedgerResult result)
    {
        var b = result.Balance;
        return JsonSerializer.Serialize(new Stored(
            result.Entries.Select(e => e.Id.Value).ToArray(),
            [b.Earned, b.Pending, b.Reserved, b.Spent, b.Expired, b.Deducted]));
    }

    public static (Guid[] EntryIds, PointsBalance Balance) Deserialize(string json)
    {
        var stored = JsonSerializer.Deserialize<Stored>(json)
            ?? throw new InvalidOperationException("A stored idempotency result is empty.");
        var b = stored.B;
        return (stored.E, new PointsBalance(b[0], b[1], b[2], b[3], b[4], b[5]));
    }

    private sealed record Stored(Guid[] E, long[] B);
}
