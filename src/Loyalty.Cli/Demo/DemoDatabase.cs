using Loyalty.Cli.Hosting;
using Loyalty.History;

namespace Loyalty.Cli.Demo;

/// <summary>
/// Creates or resets the demo's SQLite file. An existing file is replaced only when the demo made it (its first member
/// was enrolled by the demo) or when the caller forces it, so that <c>loyalty demo</c> never wipes real data kept in
/// the default <c>loyalty.db</c>.
/// </summary>
internal static class DemoDatabase
{
    /// <summary>The files SQLite keeps for a database: the file itself, its write-ahead log, shared memory and rollback journal.</summary>
    private static readonly string[] Suffixes = ["", "-wal", "-shm", "-journal"];

    /// <summary>Makes way for a new demo database at the store's file.</summary>
    /// <param name="store">The SQLite store the demo writes.</param>
    /// <param name="programId">The demo's program.</param>
    /// <param name="force">Replace the file even when the demo did not make it.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <exception cref="CommandFailedException">The file holds data the demo did not make, and <paramref name="force"/> is not set.</exception>
    public static async Task ResetAsync(StoreLocation store, ProgramId programId, bool force, CancellationToken cancellationToken)
    {
        if (File.Exists(store.Target) && !force && !await IsDemoDatabaseAsync(store, programId, cancellationToken).ConfigureAwait(false))
        {
            throw new CommandFailedException(
                $"{store.Description} already exists and was not made by the demo; the demo replaces its database, so run it with --db NEW_FILE, or with --force to replace {store.Description}.");
        }

        foreach (var suffix in Suffixes)
        {
            File.Delete(store.Target + suffix);
        }
    }

    private static async Task<bool> IsDemoDatabaseAsync(StoreLocation store, ProgramId programId, CancellationToken cancellationToken)
    {
        try
        {
            var session = EngineSession.Open(store, programId, clock: null);
            await using (session.ConfigureAwait(false))
            {
                var marker = DemoPopulation.IdOf(0);
                if (await session.Engine.FindMemberAsync(marker, cancellationToken).ConfigureAwait(false) is null)
                {
                    return false;
                }

                var history = await session.Engine.GetHistoryAsync(marker, new HistoryQuery { Limit = 1 }, cancellationToken).ConfigureAwait(false);
                return history.Entries is [{ Actor: DemoPopulation.Actor }, ..];
            }
        }
        catch (LoyaltyException)
        {
            // Not a loyalty database this build can read: certainly not the demo's.
            return false;
        }
    }
}
