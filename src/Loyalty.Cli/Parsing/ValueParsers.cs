using System.CommandLine.Parsing;
using System.Globalization;

namespace Loyalty.Cli.Parsing;

/// <summary>
/// Parsers for values on the command line: a value that does not parse is refused by the parser with a message naming
/// the option or argument, before any command runs (exit code 1).
/// </summary>
internal static class ValueParsers
{
    private delegate bool TryParse<T>(string text, out T value);

    public static MemberId MemberId(ArgumentResult result) =>
        Parse<MemberId>(result, Loyalty.MemberId.TryParse, "is not a member id (letters, digits, '-' and '_', 1 to 64 characters)");

    public static ProgramId ProgramId(ArgumentResult result) =>
        Parse<ProgramId>(result, Loyalty.ProgramId.TryParse, "is not a program id (letters, digits, '-' and '_', 1 to 64 characters)");

    public static IdempotencyKey IdempotencyKey(ArgumentResult result) =>
        Parse<IdempotencyKey>(result, Loyalty.IdempotencyKey.TryParse, $"is not an idempotency key (1 to {Loyalty.IdempotencyKey.MaxLength} printable characters without spaces, e.g. ticket-1234:goodwill)");

    public static long Points(ArgumentResult result) =>
        Parse(result, (string text, out long points) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out points) && points >= 1, "is not a number of points (a whole number, at least 1)");

    public static AsOf AsOf(ArgumentResult result) =>
        Parse<AsOf>(result, Parsing.AsOf.TryParse, "is not a date (yyyy-MM-dd) or a UTC instant (yyyy-MM-ddTHH:mm:ssZ)");

    /// <summary>An integer within bounds.</summary>
    /// <param name="minimum">The smallest value allowed.</param>
    /// <param name="maximum">The largest value allowed.</param>
    /// <returns>The parser.</returns>
    public static Func<ArgumentResult, int> IntegerBetween(int minimum, int maximum) => result =>
        Parse(
            result,
            (string text, out int value) => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value >= minimum && value <= maximum,
            string.Create(CultureInfo.InvariantCulture, $"is not a whole number from {minimum} to {maximum}"));

    private static T Parse<T>(ArgumentResult result, TryParse<T> parse, string problem)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (parse(text, out var value))
        {
            return value;
        }

        result.AddError($"{Name(result)}: '{text}' {problem}.");
        return default!;
    }

    private static string Name(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
}
