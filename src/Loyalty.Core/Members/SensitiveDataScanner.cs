using System.Text.Json;
using System.Text.RegularExpressions;

namespace Loyalty.Members;

/// <summary>
/// Finds values that must never sit in a loyalty profile: payment card numbers (13–19 digits passing the Luhn check,
/// spaces and dashes allowed), US social security numbers (<c>123-45-6789</c>), and keys named like passwords,
/// secrets or tokens.
/// </summary>
internal static partial class SensitiveDataScanner
{
    /// <summary>Checks a text value; returns a description of what it looks like, or <see langword="null"/>.</summary>
    public static string? Inspect(string value)
    {
        if (LooksLikeSsn(value))
        {
            return "a US social security number";
        }

        return ContainsCardNumber(value) ? "a payment card number" : null;
    }

    /// <summary>Checks a key name; returns a description, or <see langword="null"/>.</summary>
    public static string? InspectKey(string key) =>
        SecretKeyPattern().IsMatch(key) ? "a password, secret or token field" : null;

    /// <summary>Walks a JSON value and throws <see cref="LoyaltyException"/> at the first sensitive key or value.</summary>
    public static void ThrowIfSensitive(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var childPath = $"{path}.{property.Name}";
                    if (InspectKey(property.Name) is { } keyProblem)
                    {
                        throw Errors.Sensitive(childPath, keyProblem);
                    }

                    ThrowIfSensitive(property.Value, childPath);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    ThrowIfSensitive(item, $"{path}[{index++}]");
                }

                break;
            case JsonValueKind.String:
            case JsonValueKind.Number:
                var text = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
                if (Inspect(text) is { } problem)
                {
                    throw Errors.Sensitive(path, problem);
                }

                break;
            default:
                break;
        }
    }

    private static bool LooksLikeSsn(string value) => SsnPattern().IsMatch(value);

    private static bool ContainsCardNumber(string value)
    {
        Span<int> digits = stackalloc int[19];
        foreach (Match match in CardCandidatePattern().Matches(value))
        {
            var count = 0;
            foreach (var c in match.ValueSpan)
            {
                if (char.IsAsciiDigit(c))
                {
                    if (count == digits.Length)
                    {
                        count++;
                        break;
                    }

                    digits[count++] = c - '0';
                }
            }

            if (count is >= 13 and <= 19 && PassesLuhn(digits[..count]))
            {
                return true;
            }
        }

        return false;
    }

    internal static bool PassesLuhn(ReadOnlySpan<int> digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i];
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    [GeneratedRegex(@"(?<!\d)(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex SsnPattern();

    [GeneratedRegex(@"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])", RegexOptions.CultureInvariant)]
    private static partial Regex CardCandidatePattern();

    [GeneratedRegex(@"pass(word|wd|phrase|code)|pwd|secret|token|api[_-]?key|private[_-]?key|credential", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SecretKeyPattern();
}
