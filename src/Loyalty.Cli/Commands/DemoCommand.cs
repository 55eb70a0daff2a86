using System.CommandLine;
using Loyalty.Cli.Demo;
using Loyalty.Cli.Hosting;
using Loyalty.Cli.Parsing;

namespace Loyalty.Cli.Commands;

/// <summary><c>loyalty demo</c>: builds a demo database on a fake clock and shows what the engine made of it.</summary>
internal static class DemoCommand
{
    public static Command Create(CommandRunner runner)
    {
        var seed = new Option<int>("--seed")
        {
            Description = "The random seed: the same seed gives the same database and output.",
            DefaultValueFactory = _ => DemoSettings.DefaultSeed,
            CustomParser = ValueParsers.IntegerBetween(0, int.MaxValue),
        };
        var members = new Option<int>("--members")
        {
            Description = "How many people join (about one in ten as a guest).",
            DefaultValueFactory = _ => DemoSettings.DefaultMembers,
            CustomParser = ValueParsers.IntegerBetween(30, 10_000),
        };
        var months = new Option<int>("--months")
        {
            Description = "How many months to simulate.",
            DefaultValueFactory = _ => DemoSettings.DefaultMonths,
            CustomParser = ValueParsers.IntegerBetween(1, 24),
        };
        var force = new Option<bool>("--force")
        {
            Description = "Replace the database file even if the demo did not make it.",
        };
        var command = new Command(
            "demo",
            "Create (or reset) a demo database: a program with four tiers and points that expire, a few hundred members, "
            + "and months of purchases, rewards, checkouts and expiry on a fake clock. Prints sample members and program totals.")
        {
            seed, members, months, force,
        };
        runner.SetAction(command, async (parse, cancellationToken) =>
        {
            var store = runner.Options.StoreFrom(parse, runner.Environment);
            if (store.Kind != StoreKind.Sqlite)
            {
                throw new CommandFailedException("The demo creates a SQLite file: use --db FILE, not --postgres.");
            }

            var programId = parse.GetValue(runner.Options.Program);
            await DemoDatabase.ResetAsync(store, programId, parse.GetValue(force), cancellationToken).ConfigureAwait(false);
            var settings = new DemoSettings(parse.GetValue(seed), parse.GetValue(members), parse.GetValue(months));
            var clock = new DemoClock(DemoSettings.Start);
            var session = EngineSession.Open(store, programId, clock);
            await using (session.ConfigureAwait(false))
            {
                var simulation = new DemoSimulation(session.Engine, clock, settings);
                await simulation.RunAsync(cancellationToken).ConfigureAwait(false);
                await DemoReport.WriteAsync(runner.Environment.Console, session, settings, simulation.Statistics, cancellationToken).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
