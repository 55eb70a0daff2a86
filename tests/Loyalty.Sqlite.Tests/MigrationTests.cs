using Loyalty.Ledger;
using Loyalty.Storage.Sqlite.Schema;
using Microsoft.Data.Sqlite;

namespace Loyalty.Sqlite.Tests;

public sealed class MigrationTests : IAsyncDisposable
{
    private readonly TempDirectory _directory = TempDirectory.Create();
    private readonly SqliteEngines _engines = new();

    [Fact]
    public async Task FirstVersionDatabase_IsUpgradedInPlace_KeepingItsData()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var path = _directory.File("old.db");
        using (var connection = Open(path))
        {
            SqliteMigrator.Migrate(connection, path, targetVersion: 1);
            Execute(connection, """
                INSERT INTO members (program_id, member_id, status, email, email_normalized, external_reference, metadata, created_at, updated_at, enrolled_at, last_sequence)
                VALUES ('old', 'ada', 2, 'Ada@Example.com', 'ada@example.com', 'user-1815', '{"plan":"gold"}', 17689248000000000, 17689248000000000, 17689248000000000, 1);
                INSERT INTO lookups (program_id, kind, value, member_id) VALUES ('old', 1, 'ada@example.com', 'ada'), ('old', 2, 'user-1815', 'ada');
                INSERT INTO history (program_id, member_id, sequence, kind, occurred_at, actor, to_status) VALUES ('old', 'ada', 1, 1, 17689248000000000, 'signup', 2);
                """);
            Assert.Equal(1L, Scalar(connection, "SELECT MAX(version) FROM loyalty_schema"));
        }

        var engine = _engines.Create(path, "old");
        var ada = await engine.FindMemberByEmailAsync("ada@example.com", cancellation);
        Assert.NotNull(ada);
        Assert.Equal("Ada@Example.com", ada.Email);
        Assert.Equal("gold", ada.Metadata.GetProperty("plan").GetString());
        Assert.Equal(ada.Id, (await engine.FindMemberByExternalReferenceAsync("user-1815", cancellation))?.Id);
        var history = await engine.GetHistoryAsync(ada.Id, cancellationToken: cancellation);
        Assert.Equal("signup", Assert.Single(history.Entries).Actor);

        // The ledger added by the second migration works on the upgraded file.
        var award = await engine.AwardAsync(new AwardPoints(ada.Id, 120, "upgrade-1"), cancellation);
        Assert.Equal(2, award.Entry.Sequence);
        Assert.Equal(120, (await engine.GetBalanceAsync(ada.Id, cancellationToken: cancellation)).Spendable);
        using (var connection = Open(path))
        {
            Assert.Equal((long)SqliteMigrator.CurrentVersion, Scalar(connection, "SELECT MAX(version) FROM loyalty_schema"));
            Assert.Equal((long)SqliteMigrator.CurrentVersion, Scalar(connection, "SELECT COUNT(*) FROM loyalty_schema"));
        }
    }

    [Fact]
    public async Task ManyStoresStartingAtOnce_MigrateOnce()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var path = _directory.File("race.db");
        var engines = Enumerable.Range(0, 8).Select(_ => _engines.Create(path, "race")).ToArray();
        await Task.WhenAll(engines.Select(e => Task.Run(async () => await e.ListMembersAsync(cancellationToken: cancellation), cancellation)));
        using var connection = Open(path);
        Assert.Equal((long)SqliteMigrator.CurrentVersion, Scalar(connection, "SELECT COUNT(*) FROM loyalty_schema"));
        Assert.Equal("wal", (string)Scalar(connection, "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task ProcessesStartingTogetherOnANewFile_MigrateOnce()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var path = _directory.File("processes.db");
        var workers = Enumerable.Range(0, 4).Select(_ => WorkerProcess.Start("open", path, "race", "-", "-")).ToArray();
        foreach (var worker in workers)
        {
            using (worker)
            {
                Assert.True(await worker.WaitForExitAsync(TimeSpan.FromMinutes(2), cancellation) == 0, worker.Error);
                Assert.Equal("0", worker.Lines.Single());
            }
        }

        using var connection = Open(path);
        Assert.Equal((long)SqliteMigrator.CurrentVersion, Scalar(connection, "SELECT COUNT(*) FROM loyalty_schema"));
    }

    [Fact]
    public void EmbeddedMigrations_AreNumberedFromOneWithoutGaps() =>
        Assert.Equal(Enumerable.Range(1, SqliteMigrator.CurrentVersion), SqliteMigration.All.Select(m => m.Version));

    internal static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }

    internal static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static object Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()!;
    }

    public async ValueTask DisposeAsync()
    {
        await _engines.DisposeAsync();
        _directory.Dispose();
    }
}
