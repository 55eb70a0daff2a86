namespace Loyalty.Cli.Import;

/// <summary>A row that was not imported: its line, the reason, and its fields as read.</summary>
/// <param name="Line">The line the row starts on.</param>
/// <param name="Reason">Why it was rejected.</param>
/// <param name="Fields">Its fields.</param>
internal sealed record RejectedRow(int Line, string Reason, IReadOnlyList<string> Fields);
