using Spectre.Console;

namespace Loyalty.Cli.Output;

/// <summary>The tool's table style: rounded borders, headers as given, numbers right-aligned by the caller.</summary>
internal static class Tables
{
    /// <summary>Creates a table with these column headers.</summary>
    /// <param name="columns">The headers.</param>
    /// <returns>The table.</returns>
    public static Table Create(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(column)));
        }

        return table;
    }

    /// <summary>Creates a two-column table of names and values, the values right-aligned.</summary>
    /// <param name="title">The header of the names column.</param>
    /// <param name="valueHeader">The header of the values column.</param>
    /// <returns>The table.</returns>
    public static Table KeyValue(string title, string valueHeader)
    {
        var table = Create(title, valueHeader);
        table.Columns[1].RightAligned();
        return table;
    }
}
