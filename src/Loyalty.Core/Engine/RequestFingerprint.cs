using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Loyalty.Engine;

/// <summary>A stable hash of a write's operation and payload, to tell a retry from a different request under the same key.</summary>
internal static class RequestFingerprint
{
    public static string Of(params object?[] parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            var value = part switch
            {
                null => "\u2205",
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => part.ToString(),
            };
            text.Append(value?.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('|');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
