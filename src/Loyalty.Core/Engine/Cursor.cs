using System.Globalization;
using System.Text;

namespace Loyalty.Engine;

/// <summary>Opaque page cursors: base64url of a tagged position, so callers cannot depend on their content.</summary>
internal static class Cursor
{
    private const string MemberTag = "m1:";
    private const string HistoryTag = "h1:";

    public static string EncodeMember(MemberId after) => Encode(MemberTag + after.Value);

    public static MemberId DecodeMember(string cursor) =>
        Decode(cursor, MemberTag) is { } text && MemberId.TryParse(text, out var id) ? id : throw Invalid();

    public static string EncodeHistory(long afterSequence) => Encode(HistoryTag + afterSequence.ToString(CultureInfo.InvariantCulture));

    public static long DecodeHistory(string cursor) =>
        Decode(cursor, HistoryTag) is { } text && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : throw Invalid();

    private static string Encode(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? Decode(string cursor, string tag)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 += new string('=', (4 - (base64.Length % 4)) % 4);
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            return text.StartsWith(tag, StringComparison.Ordinal) ? text[tag.Length..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static LoyaltyException Invalid() =>
        new(ErrorCode.InvalidCursor, "The cursor is malformed or belongs to another kind of query.", "cursor");
}
