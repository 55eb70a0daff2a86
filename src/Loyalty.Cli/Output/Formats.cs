using System.Globalization;
using Loyalty.Cli.Hosting;
using NodaTime;
using NodaTime.Text;
using Spectre.Console;

namespace Loyalty.Cli.Output;

/// <summary>How the tool prints numbers, dates and instants: invariant culture, times in the program's zone, "-" for nothing.</summary>
internal static class Formats
{
    private static readonly LocalDateTimePattern Minute = LocalDateTimePattern.CreateWithInvariantCulture("yyyy-MM-dd HH:mm");

    public static string Points(long points) => points.ToString("N0", CultureInfo.InvariantCulture);

    public static string Count(int count) => count.ToString("N0", CultureInfo.InvariantCulture);

    public static string Date(LocalDate? date) => date is { } d ? LocalDatePattern.Iso.Format(d) : "-";

    public static string Time(Instant? instant) => instant is { } i ? Minute.Format(i.InZone(CliProgram.Zone).LocalDateTime) : "-";

    /// <summary>Text for a table cell or markup line: escaped, "-" when empty.</summary>
    public static string Text(string? text) => string.IsNullOrEmpty(text) ? "-" : Markup.Escape(text);
}
