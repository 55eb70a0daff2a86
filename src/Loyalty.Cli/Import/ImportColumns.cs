namespace Loyalty.Cli.Import;

/// <summary>The columns of a member import file: header names, case-insensitive, in any order.</summary>
internal static class ImportColumns
{
    public const string MemberId = "member_id";
    public const string Email = "email";
    public const string ExternalReference = "external_reference";
    public const string FirstName = "first_name";
    public const string LastName = "last_name";
    public const string Birthday = "birthday";
    public const string Metadata = "metadata";
    public const string OpeningPoints = "opening_points";

    /// <summary>Gets every column, in the order the help lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [MemberId, Email, ExternalReference, FirstName, LastName, Birthday, Metadata, OpeningPoints];

    /// <summary>The file format, for <c>members import --help</c>.</summary>
    public const string Help = """
        FILE is a UTF-8 CSV file. Its first line is a header naming the columns, in any order:
          member_id           required: letters, digits, '-' and '_', 1 to 64 characters
          email               unique in the program (compared ignoring case)
          external_reference  your own user id, unique in the program
          first_name
          last_name
          birthday            yyyy-MM-dd
          metadata            a JSON object, e.g. "{""source"":""pos""}" (no card numbers or secrets)
          opening_points      points awarded on enrollment: a whole number, 0 to 1,000,000
        Only member_id is required; an empty field is left unset.

        Each row is imported whole (the member with their opening points) or not at all. A member_id
        that already exists is left as it is, so importing the same file again changes nothing.
        Each rejected row is listed with its line number and reason, and written with both to the
        rejects file. Exit code: 0 when every row is in, 2 when some rows were rejected, 1 when the
        file could not be imported.
        """;
}
