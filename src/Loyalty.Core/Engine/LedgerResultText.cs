using System.Globalization;
using System.Runtime.CompilerServices;
using Loyalty.Ledger;

namespace Loyalty.Engine;

/// <summary>
/// The stored form of a ledger write's result: the ids of its entries and the balance right after it, as compact text
/// (<c>id,id;earned,pending,reserved,spent,expired,deducted</c>). Written on every ledger write and read on every replay,
/// so both directions work on spans: the text is the only allocation of writing it, the id array of reading it.
/// </summary>
internal static class LedgerResultText
{
    public static string Serialize(LedgerResult result)
    {
        var b = result.Balance;
        var text = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[256]);
        for (var i = 0; i < result.Entries.Count; i++)
        {
            if (i > 0)
            {
                text.AppendLiteral(",");
            }

            text.AppendFormatted(result.Entries[i].Id.Value, "N");
        }

        ReadOnlySpan<long> values = [b.Earned, b.Pending, b.Reserved, b.Spent, b.Expired, b.Deducted];
        for (var i = 0; i < values.Length; i++)
        {
            text.AppendLiteral(i == 0 ? ";" : ",");
            text.AppendFormatted(values[i]);
        }

        return text.ToStringAndClear();
    }

    public static (Guid[] EntryIds, PointsBalance Balance) Deserialize(string stored)
    {
        var rest = stored.AsSpan();
        var idText = Next(ref rest, ';');
        var ids = idText.IsEmpty ? [] : new Guid[idText.Count(',') + 1];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = Guid.ParseExact(Next(ref idText, ','), "N");
        }

        var balance = new PointsBalance(Number(ref rest), Number(ref rest), Number(ref rest), Number(ref rest), Number(ref rest), Number(ref rest));
        return (ids, balance);
    }

    private static long Number(ref ReadOnlySpan<char> rest) =>
        long.Parse(Next(ref rest, ','), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    /// <summary>Returns the text up to the next <paramref name="separator"/> (or the end) and moves past it.</summary>
    private static ReadOnlySpan<char> Next(ref ReadOnlySpan<char> rest, char separator)
    {
        var at = rest.IndexOf(separator);
        var part = at < 0 ? rest : rest[..at];
        rest = at < 0 ? [] : rest[(at + 1)..];
        return part;
    }
}
