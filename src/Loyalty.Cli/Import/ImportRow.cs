using Loyalty.Members;

namespace Loyalty.Cli.Import;

/// <summary>One data row of an import file: where it is, its fields, and either the import it asks for or why it cannot be imported.</summary>
/// <param name="Line">The line the row starts on (the header is line 1).</param>
/// <param name="Fields">The row's fields as read, for the rejects file.</param>
/// <param name="Import">The import, or <see langword="null"/> when the row is rejected before reaching the engine.</param>
/// <param name="Problem">Why the row was rejected while reading it.</param>
internal sealed record ImportRow(int Line, IReadOnlyList<string> Fields, MemberImport? Import, string? Problem)
{
    public static ImportRow Rejected(int line, IReadOnlyList<string> fields, string problem) => new(line, fields, null, problem);
}
