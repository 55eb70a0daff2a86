namespace Loyalty.Cli.Import;

/// <summary>A member import file as read: its header and its data rows in file order.</summary>
/// <param name="Header">The column names as written in the file.</param>
/// <param name="Rows">The data rows.</param>
internal sealed record MemberCsvFile(IReadOnlyList<string> Header, IReadOnlyList<ImportRow> Rows);
