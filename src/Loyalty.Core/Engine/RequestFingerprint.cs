using System.Globalization;
using System.Runtime.CompilerServices;

namespace Loyalty.Engine;

/// <summary>
/// The canonical text of a write's operation and payload, stored with its idempotency key to tell a retry (same text)
/// from a different request under the same key. Each part is length-prefixed, so no two requests share a text.
/// </summary>
internal static class RequestFingerprint
{
    public static string Of(string operation, MemberId memberId, AccountName account, long points, string? reason, string actor, string? extra = null)
    {
        // Formatted on the stack (a pooled buffer when long), so that the text is the only allocation.
        var text = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[256]);
        Append(ref text, operation);
        Append(ref text, memberId.Value);
        Append(ref text, account.Value);
        text.AppendFormatted(points);
        text.AppendLiteral("|");
        Append(ref text, reason);
        Append(ref text, actor);
        Append(ref text, extra);
        return text.ToStringAndClear();
    }

    private static void Append(ref DefaultInterpolatedStringHandler text, string? part)
    {
        if (part is null)
        {
            text.AppendLiteral("-|");
            return;
        }

        text.AppendFormatted(part.Length);
        text.AppendLiteral(":");
        text.AppendLiteral(part);
        text.AppendLiteral("|");
    }
}
