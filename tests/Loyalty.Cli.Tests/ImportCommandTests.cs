using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Loyalty.Cli.Tests;

public sealed class ImportCommandTests
{
    private const string Header = "member_id,email,external_reference,first_name,last_name,birthday,metadata,opening_points";

    /// <summary>Lines 2 to 4: rows that go in.</summary>
    private static readonly string[] GoodRows =
    [
        "ann,ann@example.com,u-1,Ann,Lee,1990-04-01,\"{\"\"source\"\":\"\"pos\"\"}\",150",
        "bob,bob@example.com,u-2,Bob,,,,0",
        "cy,,u-3,,,,,",
    ];

    /// <summary>Lines 5 on: one row for each way a row can be wrong.</summary>
    private static readonly string[] BadRows =
    [
        "bad-email,not-an-email,u-4,,,,,10",
        "same-email,ANN@example.com,u-5,,,,,10",
        "same-reference,sr@example.com,u-1,,,,,10",
        "bad-date,bd@example.com,u-6,,,1990-13-45,,10",
        "array-metadata,am@example.com,u-7,,,,\"[1,2]\",10",
        "broken-metadata,bm@example.com,u-8,,,,\"{source: pos}\",10",
        "card-number,cn@example.com,u-9,,,,\"{\"\"note\"\":\"\"4111 1111 1111 1111\"\"}\",10",
        "negative-points,np@example.com,u-10,,,,,-5",
        "too-many-points,tp@example.com,u-11,,,,,2000000",
        "text-points,xp@example.com,u-12,,,,,ten",
        "too-few-fields,tf@example.com,u-13",
        "too-many-fields,tm@example.com,u-14,,,,,10,extra",
        ",no-id@example.com,u-15,,,,,10",
        "bad id!,bi@example.com,u-16,,,,,10",
        "ann,ann-again@example.com,u-17,,,,,10",
        "stray-quote,sq@example.com,u-18,,,,{\"a\":1},10",
    ];

    private static readonly byte[] BadEncodingRow = [.. "bad-encoding,be@example.com,u-19,Jos"u8, 0xC3, 0x28, .. ",,,,10\n"u8];

    /// <summary>Rows rejected by the engine or the reader: none of them may leave a member behind.</summary>
    private static readonly string[] RejectedIds =
    [
        "bad-email", "same-email", "same-reference", "bad-date", "array-metadata", "broken-metadata", "card-number",
        "negative-points", "too-many-points", "text-points", "too-few-fields", "too-many-fields", "stray-quote", "bad-encoding",
    ];

    [Fact]
    public async Task Import_GoodAndBadRows_ImportsTheGood_ReportsEachBadOneByLine_AndWritesTheRejectsFile()
    {
        using var cli = new CliRun();
        await WriteMixedFileAsync(cli);

        var result = await cli.RunExpectingAsync(2, "members", "import", "members.csv");

        Approvals.Verify(result.Output, "import-mixed.approved.txt");
        Approvals.Verify(await File.ReadAllTextAsync(cli.Path("members.rejects.csv"), TestContext.Current.CancellationToken), "import-mixed.rejects.approved.csv");
        var ann = await cli.RunExpectingAsync(0, "members", "show", "ann", "--history", "3");
        Assert.Contains("ann@example.com", ann.Output, StringComparison.Ordinal);
        Assert.Contains("{\"source\":\"pos\"}", ann.Output, StringComparison.Ordinal);
        Assert.Contains("│ Spendable         │    150 │", ann.Output, StringComparison.Ordinal);
        Assert.Contains("│ Birthday           │ 1990-04-01", ann.Output, StringComparison.Ordinal);
        foreach (var id in RejectedIds)
        {
            var missing = await cli.RunExpectingAsync(1, "members", "show", id);
            Assert.Contains("MemberNotFound", missing.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Import_SameFileAgain_ChangesNothing_AndReportsTheSameRejects()
    {
        using var cli = new CliRun();
        await WriteMixedFileAsync(cli);
        await cli.RunExpectingAsync(2, "members", "import", "members.csv");
        var rejects = await File.ReadAllTextAsync(cli.Path("members.rejects.csv"), TestContext.Current.CancellationToken);
        var before = await FingerprintAsync(cli);
        cli.Clock.AdvanceDays(1);

        var rerun = await cli.RunExpectingAsync(2, "members", "import", "members.csv");

        cli.Clock.AdvanceDays(-1);
        Assert.Contains("Imported 0, unchanged 3, rejected 17 of 20 rows.", rerun.Output, StringComparison.Ordinal);
        Assert.Equal(rejects, await File.ReadAllTextAsync(cli.Path("members.rejects.csv"), TestContext.Current.CancellationToken));
        Assert.Equal(before, await FingerprintAsync(cli));
    }

    [Fact]
    public async Task Import_AllRowsGood_ExitsZero_WithPlainProgressLines_AndRemovesAStaleRejectsFile()
    {
        using var cli = new CliRun();
        var rows = Enumerable.Range(1, 2_500).Select(i => string.Create(CultureInfo.InvariantCulture, $"m-{i:D4},m{i}@example.com,ext-{i},First{i},,,,{i % 7 * 10}"));
        await File.WriteAllTextAsync(cli.Path("big.csv"), Header + "\n" + string.Join("\n", rows) + "\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(cli.Path("big.rejects.csv"), "left by an earlier run", TestContext.Current.CancellationToken);

        var result = await cli.RunExpectingAsync(0, "members", "import", "big.csv");

        Assert.Equal(
            """
            progress: 1,000 of 2,500 rows sent to the engine, 0 refused
            progress: 2,000 of 2,500 rows sent to the engine, 0 refused
            progress: 2,500 of 2,500 rows sent to the engine, 0 refused
            Imported 2,500, unchanged 0, rejected 0 of 2,500 rows.

            """,
            result.Output);
        Assert.False(File.Exists(cli.Path("big.rejects.csv")));
        var last = await cli.RunExpectingAsync(0, "members", "show", "m-2500");
        Assert.Contains("│ Spendable         │     10 │", last.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_OnATerminal_DrawsAProgressBar_InsteadOfProgressLines()
    {
        using var cli = new CliRun { Terminal = true };
        await File.WriteAllTextAsync(cli.Path("good.csv"), Header + "\n" + string.Join("\n", GoodRows) + "\n", TestContext.Current.CancellationToken);

        var result = await cli.RunExpectingAsync(0, "members", "import", "good.csv");

        Assert.Contains("Importing members", result.Output, StringComparison.Ordinal);
        Assert.Contains("100%", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("progress:", result.Output, StringComparison.Ordinal);
        Assert.Contains("Imported 3, unchanged 0, rejected 0 of 3 rows.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ColumnsInAnyOrderAndCase_WithAByteOrderMarkAndCrLf_AreRead()
    {
        using var cli = new CliRun();
        var content = "\uFEFFOpening_Points,EMAIL,member_id\r\n40,dee@example.com,dee\r\n";
        await File.WriteAllTextAsync(cli.Path("shuffled.csv"), content, new UTF8Encoding(false), TestContext.Current.CancellationToken);

        await cli.RunExpectingAsync(0, "members", "import", "shuffled.csv");

        var dee = await cli.RunExpectingAsync(0, "members", "show", "dee");
        Assert.Contains("dee@example.com", dee.Output, StringComparison.Ordinal);
        Assert.Contains("│ Spendable         │     40 │", dee.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_QuotedFieldsOverSeveralLines_RejectsAreReportedOnTheLineTheyStartOn()
    {
        using var cli = new CliRun();
        var content = Header + "\nml,ml@example.com,,Anne,,,\"{\n  \"\"note\"\": \"\"two lines\"\"\n}\",5\nlate,not-an-email,,,,,,\nopen,op@example.com,,\"never closed,,,,\nlast,l@example.com,,,,,,\n";
        await File.WriteAllTextAsync(cli.Path("lines.csv"), content, TestContext.Current.CancellationToken);

        var result = await cli.RunExpectingAsync(2, "members", "import", "lines.csv");

        Assert.Contains("\nline 5: ValidationFailed (field: email)", result.Output, StringComparison.Ordinal);
        Assert.Contains("\nline 6: a quote (\") is not closed, or stands inside an unquoted field", result.Output, StringComparison.Ordinal);
        Assert.Contains("Imported 1, unchanged 0, rejected 2 of 3 rows.", result.Output, StringComparison.Ordinal);
        var export = await cli.RunExpectingAsync(0, "members", "export", "ml");
        Assert.Equal("two lines", JsonDocument.Parse(export.Output).RootElement.GetProperty("member").GetProperty("metadata").GetProperty("note").GetString());
    }

    [Fact]
    public async Task Import_WithRejectsOption_WritesTheRejectsThere()
    {
        using var cli = new CliRun();
        await File.WriteAllTextAsync(cli.Path("in.csv"), Header + "\nx,not-an-email,,,,,,\n", TestContext.Current.CancellationToken);

        var result = await cli.RunExpectingAsync(2, "members", "import", "in.csv", "--rejects", "bad-rows.csv");

        Assert.EndsWith("Rejected rows, with the line and reason of each: bad-rows.csv\n", result.Output, StringComparison.Ordinal);
        Assert.StartsWith("line,reason,member_id,", await File.ReadAllTextAsync(cli.Path("bad-rows.csv"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing.csv", null, "error: File 'missing.csv' does not exist.")]
    [InlineData("empty.csv", "", "error: The file is empty: its first line must be the header (member_id,email,external_reference,first_name,last_name,birthday,metadata,opening_points).")]
    [InlineData("unknown.csv", "member_id,shoe_size\nx,42\n", "error: The header has an unknown column 'shoe_size'. The columns are: member_id, email, external_reference, first_name, last_name, birthday, metadata, opening_points.")]
    [InlineData("twice.csv", "member_id,email,EMAIL\nx,a@example.com,b@example.com\n", "error: The header names column 'EMAIL' twice.")]
    [InlineData("no-id.csv", "email\na@example.com\n", "error: The header has no 'member_id' column: every row needs a member id, so that importing the file again recognizes rows already in.")]
    public async Task Import_FileThatCannotBeImported_ExitsOne_AndImportsNothing(string name, string? content, string message)
    {
        using var cli = new CliRun();
        if (content is not null)
        {
            await File.WriteAllTextAsync(cli.Path(name), content, TestContext.Current.CancellationToken);
        }

        var result = await cli.RunExpectingAsync(1, "members", "import", name);

        Assert.Equal(message + "\n", result.Error);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public async Task Import_HeaderThatIsNotUtf8_ExitsOne()
    {
        using var cli = new CliRun();
        await File.WriteAllBytesAsync(cli.Path("latin1.csv"), [.. "member_id,first_name"u8, 0xE9, .. "\nx,y\n"u8], TestContext.Current.CancellationToken);

        var result = await cli.RunExpectingAsync(1, "members", "import", "latin1.csv");

        Assert.Equal("error: The header line is not valid UTF-8: save the file as UTF-8.\n", result.Error);
    }

    private static async Task WriteMixedFileAsync(CliRun cli)
    {
        var text = Header + "\n" + string.Join("\n", GoodRows) + "\n" + string.Join("\n", BadRows) + "\n";
        await File.WriteAllBytesAsync(cli.Path("members.csv"), [.. Encoding.UTF8.GetBytes(text), .. BadEncodingRow], TestContext.Current.CancellationToken);
    }

    /// <summary>Everything the program holds about the imported members, as the engine exports it.</summary>
    private static async Task<string> FingerprintAsync(CliRun cli)
    {
        var text = new StringBuilder((await cli.RunExpectingAsync(0, "snapshot")).Output);
        foreach (var id in new[] { "ann", "bob", "cy" })
        {
            text.Append((await cli.RunExpectingAsync(0, "members", "export", id)).Output);
        }

        return text.ToString();
    }
}
