using System.CommandLine;
using Loyalty.Cli.Hosting;
using Loyalty.Cli.Parsing;

namespace Loyalty.Cli;

/// <summary>The options every command accepts (before or after the command name): which store and which program.</summary>
internal sealed class GlobalOptions
{
    /// <summary>The default SQLite database file, in the current folder.</summary>
    public const string DefaultDatabase = "loyalty.db";

    /// <summary>Gets <c>--db FILE</c>: the SQLite database file.</summary>
    public Option<string> Database { get; } = new("--db")
    {
        Description = "The SQLite database file, created if missing.",
        HelpName = "FILE",
        DefaultValueFactory = _ => DefaultDatabase,
        Recursive = true,
    };

    /// <summary>Gets <c>--postgres CONNECTION</c>: a PostgreSQL connection string, used instead of <c>--db</c>.</summary>
    public Option<string?> Postgres { get; } = new("--postgres")
    {
        Description = "A PostgreSQL connection string (Npgsql syntax), used instead of --db.",
        HelpName = "CONNECTION",
        Recursive = true,
    };

    /// <summary>Gets <c>--program ID</c>: the program (tenant) in the store.</summary>
    public Option<ProgramId> Program { get; } = new("--program")
    {
        Description = "The loyalty program (tenant) in the store.",
        HelpName = "ID",
        DefaultValueFactory = _ => ProgramId.Parse(CliProgram.DefaultProgramId),
        CustomParser = ValueParsers.ProgramId,
        Recursive = true,
    };

    /// <summary>Adds the options to the root command.</summary>
    /// <param name="root">The root command.</param>
    public void AddTo(Command root)
    {
        root.Options.Add(Database);
        root.Options.Add(Postgres);
        root.Options.Add(Program);
    }

    /// <summary>Reads the store the command line names.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="environment">Resolves relative paths.</param>
    /// <returns>The store location.</returns>
    public StoreLocation StoreFrom(ParseResult parse, CliEnvironment environment) =>
        parse.GetValue(Postgres) is { Length: > 0 } connectionString
            ? StoreLocation.PostgreSql(connectionString)
            : StoreLocation.SqliteFile(environment.Resolve(parse.GetValue(Database)!));
}
