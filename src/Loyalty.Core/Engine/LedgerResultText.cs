using System.Globalization;
using System.Text;
using Loyalty.Ledger;

namespace Loyalty.Engine;

/// <summary>
/// The stored form of a ledger write's result: the ids of its entries and the balance right after it, as compact text
/// (<c>id,id;earned,pending,reserved,spent,expired,deducted</c>).
/// </summary>
internal static class LedgerResultText
{
    public static string Serialize(LedgerResult result)
    {
        var b = result.Balance;
        var text = new StringBuilder(48 * result.Entries.Count + 64);
        for (var i = 0; i < result.Entries.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : ",").Append(result.Entries[i].Id.Value.ToString("N"));
        }

        return text.Append(';').Append(CultureInfo.InvariantCulture, $"{b.Earned},{b.Pending},{b.Reserved},{b.Spent},{b.Expired},{b.Deducted}").ToString();
    }

    public static (Guid[] EntryIds, PointsBalance Balance) Deserialize(string stored)
    {
        var parts = stored.Split(';');
        var ids = parts[0].Length == 0 ? [] : parts[0].Split(',').Select(id => Guid.ParseExact(id, "N")).ToArray();
        var b = parts[1].Split(',').Select(v => long.Parse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)).ToArray();
        return (ids, new PointsBalance(b[0], b[1], b[2], b[3], b[4], b[5]));
    }
}
