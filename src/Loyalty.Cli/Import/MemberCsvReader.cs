using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Loyalty.Cli.Import;

/// <summary>
/// Reads a member import file: checks the header, then turns each data row into an <see cref="ImportRow"/>. Rows that
/// are not valid UTF-8, have the wrong number of fields or break CSV quoting are rejected here with their line number;
/// the rest go to <see cref="ImportRowParser"/>.
/// </summary>
internal static class MemberCsvReader
{
    private const char Replacement = '\uFFFD';

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UTF8Encoding LenientUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>Reads the file's content.</summary>
    /// <param name="content">The file's bytes.</param>
    /// <returns>The header and rows.</returns>
    /// <exception cref="CommandFailedException">The file has no usable header.</exception>
    public static MemberCsvFile Read(ReadOnlySpan<byte> content)
    {
        var (text, validUtf8) = Decode(content);
        string? badQuoting = null;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            DetectColumnCountChanges = false,
            MissingFieldFound = null,
            BadDataFound = args => badQuoting ??= args.Field,
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
        };
        using var reader = new StringReader(text);
        using var parser = new CsvParser(reader, configuration);
        if (!parser.Read() || parser.Record is not { Length: > 0 } header || header is [""])
        {
            throw new CommandFailedException("The file is empty: its first line must be the header (" + string.Join(",", ImportColumns.All) + ").");
        }

        if (!validUtf8 && parser.RawRecord.Contains(Replacement, StringComparison.Ordinal))
        {
            throw new CommandFailedException("The header line is not valid UTF-8: save the file as UTF-8.");
        }

        var rowParser = new ImportRowParser(header);
        var lines = new LineCounter(text);
        var rows = new List<ImportRow>();
        while (parser.Read())
        {
            var fields = parser.Record ?? [];
            var line = lines.LineAt(checked((int)parser.CharCount) - parser.RawRecord.Length);
            if (!validUtf8 && parser.RawRecord.Contains(Replacement, StringComparison.Ordinal))
            {
                rows.Add(ImportRow.Rejected(line, fields, "the line is not valid UTF-8 text (save the file as UTF-8)"));
            }
            else if (badQuoting is not null)
            {
                rows.Add(ImportRow.Rejected(line, fields, "a quote (\") is not closed, or stands inside an unquoted field: quote the whole field and double the quotes in it"));
            }
            else if (fields.Length != header.Length)
            {
                rows.Add(ImportRow.Rejected(line, fields, string.Create(CultureInfo.InvariantCulture, $"expected {header.Length} fields as in the header, found {fields.Length}")));
            }
            else
            {
                rows.Add(rowParser.Parse(line, fields));
            }

            badQuoting = null;
        }

        return new MemberCsvFile(header, rows);
    }

    /// <summary>Decodes strict UTF-8 (without a byte order mark); when that fails, decodes with replacement characters so that the bad lines can be found and rejected.</summary>
    private static (string Text, bool ValidUtf8) Decode(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("\uFEFF"u8))
        {
            content = content[3..];
        }

        try
        {
            return (StrictUtf8.GetString(content), true);
        }
        catch (DecoderFallbackException)
        {
            return (LenientUtf8.GetString(content), false);
        }
    }

    /// <summary>Finds the line of a character offset, for offsets that only grow (records in file order; a quoted field may span lines).</summary>
    private sealed class LineCounter(string text)
    {
        private int _offset;
        private int _line = 1;

        public int LineAt(int offset)
        {
            _line += text.AsSpan(_offset, offset - _offset).Count('\n');
            _offset = offset;
            return _line;
        }
    }
}
