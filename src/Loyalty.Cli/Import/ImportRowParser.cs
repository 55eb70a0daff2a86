using System.Globalization;
using System.Text.Json;
using Loyalty.Members;
using NodaTime.Text;

namespace Loyalty.Cli.Import;

/// <summary>
/// Turns the fields of one row into a <see cref="MemberImport"/>, or into the reason it cannot be one: a missing or
/// malformed member id (or one already on an earlier line), a bad date, metadata that is not JSON, points that are not a
/// whole number. Everything else (emails, uniqueness, sensitive data, what metadata may hold, the points range) is the
/// engine's to check.
/// </summary>
internal sealed class ImportRowParser
{
    private readonly Dictionary<string, int> _columns;
    private readonly Dictionary<MemberId, int> _seen = [];

    /// <summary>Maps the header's columns.</summary>
    /// <param name="header">The header fields.</param>
    /// <exception cref="CommandFailedException">A column is unknown or repeated, or <c>member_id</c> is missing.</exception>
    public ImportRowParser(IReadOnlyList<string> header)
    {
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            if (!ImportColumns.All.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw new CommandFailedException($"The header has an unknown column '{name}'. The columns are: {string.Join(", ", ImportColumns.All)}.");
            }

            if (!_columns.TryAdd(name, i))
            {
                throw new CommandFailedException($"The header names column '{name}' twice.");
            }
        }

        if (!_columns.ContainsKey(ImportColumns.MemberId))
        {
            throw new CommandFailedException($"The header has no '{ImportColumns.MemberId}' column: every row needs a member id, so that importing the file again recognizes rows already in.");
        }
    }

    /// <summary>Parses one row whose field count matches the header.</summary>
    /// <param name="line">The line the row starts on.</param>
    /// <param name="fields">The fields.</param>
    /// <returns>The row.</returns>
    public ImportRow Parse(int line, IReadOnlyList<string> fields)
    {
        var problem = TryBuild(fields, out var import);
        if (problem is not null)
        {
            return ImportRow.Rejected(line, fields, problem);
        }

        if (_seen.TryGetValue(import!.Member.Id!.Value, out var first))
        {
            return ImportRow.Rejected(line, fields, string.Create(CultureInfo.InvariantCulture, $"member_id '{import.Member.Id}' is already on line {first} of this file"));
        }

        _seen.Add(import.Member.Id.Value, line);
        return new ImportRow(line, fields, import, null);
    }

    private string? TryBuild(IReadOnlyList<string> fields, out MemberImport? import)
    {
        import = null;
        if (Field(fields, ImportColumns.MemberId) is not { } id)
        {
            return "member_id is empty: every row needs a member id";
        }

        if (!MemberId.TryParse(id, out var memberId))
        {
            return $"member_id '{id}' may contain only letters, digits, '-' and '_' (1 to 64 characters)";
        }

        var member = new NewMember
        {
            Id = memberId,
            Email = Field(fields, ImportColumns.Email),
            ExternalReference = Field(fields, ImportColumns.ExternalReference),
            FirstName = Field(fields, ImportColumns.FirstName),
            LastName = Field(fields, ImportColumns.LastName),
            Actor = "import",
        };
        if (Field(fields, ImportColumns.Birthday) is { } birthday)
        {
            if (LocalDatePattern.Iso.Parse(birthday) is not { Success: true } date)
            {
                return $"birthday '{birthday}' is not a date (yyyy-MM-dd)";
            }

            member.Birthday = date.Value;
        }

        if (Field(fields, ImportColumns.Metadata) is { } metadata)
        {
            try
            {
                using var document = JsonDocument.Parse(metadata);
                member.Metadata = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                return "metadata is not valid JSON (write a JSON object such as {\"source\":\"pos\"})";
            }
        }

        long points = 0;
        if (Field(fields, ImportColumns.OpeningPoints) is { } opening
            && !long.TryParse(opening, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out points))
        {
            return $"opening_points '{opening}' is not a whole number";
        }

        import = new MemberImport(member, points);
        return null;
    }

    private string? Field(IReadOnlyList<string> fields, string column) =>
        _columns.TryGetValue(column, out var index) && fields[index].Length > 0 ? fields[index] : null;
}
