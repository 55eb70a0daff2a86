using System.CommandLine;
using Loyalty.Cli.Hosting;
using Spectre.Console;

namespace Loyalty.Cli.Commands;

/// <summary>
/// Runs command bodies: opens the engine the global options name, and turns failures into one line on standard error
/// and exit code 1 — a <see cref="LoyaltyException"/> with its error code and field, never a stack trace.
/// </summary>
internal sealed class CommandRunner(CliEnvironment environment, GlobalOptions options)
{
    public CliEnvironment Environment => environment;

    public GlobalOptions Options => options;

    /// <summary>Sets a command's action to a body that works on the engine.</summary>
    /// <param name="command">The command.</param>
    /// <param name="body">The body; returns the exit code.</param>
    /// <param name="createsDatabase">
    /// Whether the command may create a SQLite file that does not exist yet; the others fail on a missing file rather
    /// than leave an empty database behind.
    /// </param>
    public void SetEngineAction(Command command, Func<ParseResult, EngineSession, CancellationToken, Task<int>> body, bool createsDatabase = false) =>
        SetAction(command, async (parse, cancellationToken) =>
        {
            var store = options.StoreFrom(parse, environment);
            if (!createsDatabase && store.Kind == StoreKind.Sqlite && !File.Exists(store.Target))
            {
                throw new CommandFailedException($"There is no loyalty database at {store.Target}: run 'loyalty demo' or 'loyalty members import FILE.csv' first, or name one with --db.");
            }

            var session = EngineSession.Open(store, parse.GetValue(options.Program), environment.Clock);
            await using (session.ConfigureAwait(false))
            {
                return await body(parse, session, cancellationToken).ConfigureAwait(false);
            }
        });

    /// <summary>Sets a command's action to a body, with the tool's error handling.</summary>
    /// <param name="command">The command.</param>
    /// <param name="body">The body; returns the exit code.</param>
    public void SetAction(Command command, Func<ParseResult, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await body(parse, cancellationToken).ConfigureAwait(false);
            }
            catch (LoyaltyException ex)
            {
                return Fail(Describe(ex));
            }
            catch (CommandFailedException ex)
            {
                return Fail(ex.Message);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return Fail(ex.Message);
            }
        });

    /// <summary>Writes a one-line error and returns exit code 1.</summary>
    /// <param name="message">The message.</param>
    /// <returns><see cref="ExitCodes.Failure"/>.</returns>
    public int Fail(string message)
    {
        environment.Error.WriteLine($"error: {message}");
        return ExitCodes.Failure;
    }

    /// <summary>An engine error as the tool prints it: <c>Code (field): message</c>.</summary>
    /// <param name="exception">The error.</param>
    /// <returns>The text.</returns>
    public static string Describe(LoyaltyException exception) =>
        exception.Field is { Length: > 0 } field ? $"{exception.Code} (field: {field}): {exception.Message}" : $"{exception.Code}: {exception.Message}";

    /// <summary>Writes a line of markup to the console.</summary>
    /// <param name="markup">Spectre markup; escape values with <see cref="Markup.Escape"/>.</param>
    public void Say(string markup) => environment.Console.MarkupLine(markup);
}
