using System.Globalization;
using System.Text;

namespace Loyalty.Engine;

/// <summary>
/// The canonical text of a write's operation and payload, stored with its idempotency key to tell a retry (same text)
/// from a different request under the same key. Each part is length-prefixed, so no two requests share a text.
/// </summary>
internal static class RequestFingerprint
{
    public static string Of(string operation, MemberId memberId, AccountName account, long points, string? reason, string actor, string? extra = null)
    {
        var text = new StringBuilder(64 + (reason?.Length ?? 0));
        Append(text, operation);
        Append(text, memberId.Value);
        Append(text, account.Value);
        text.Append(points.ToString(CultureInfo.InvariantCulture)).Append('|');
        Append(text, reason);
        Append(text, actor);
        Append(text, extra);
        return text.ToString();
    }

    private static void Append(StringBuilder text, string? part)
    {
        if (part is null)
        {
            text.Append('-').Append('|');
            return;
        }

        text.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part).Append('|');
    }
}
