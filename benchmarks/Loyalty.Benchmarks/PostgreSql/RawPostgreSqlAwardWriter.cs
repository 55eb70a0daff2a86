using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Loyalty.Benchmarks.PostgreSql;

/// <summary>
/// The hand-written equivalent of one award on the store's schema, the baseline of the PostgreSQL earn suite: a pooled
/// connection per award (as request-scoped code takes one) and one transaction in two round trips of prepared
/// statements. The first begins the transaction, takes the member's advisory lock (the store's key, so the two exclude
/// each other), and reads the member, its balance and the idempotency key; the second writes the rows the engine writes
/// (history entry, balance, lot, idempotency record, outbox event, member's last sequence) and commits. No validation,
/// no rules, no retries: the floor the engine's own work sits on.
/// </summary>
internal sealed class RawPostgreSqlAwardWriter : IDisposable
{
    private const string Schema = "loyalty";

    private static readonly string[] ReadSql =
    [
        "BEGIN ISOLATION LEVEL READ COMMITTED",
        $"SELECT pg_advisory_xact_lock(hashtextextended('{Schema}/' || $1 || '/' || $2, 0))",
        $"SELECT status, last_sequence FROM {Schema}.members WHERE program_id = $1 AND member_id = $2",
        $"SELECT earned, pending, reserved, spent, expired, deducted FROM {Schema}.balances WHERE program_id = $1 AND member_id = $2 AND account = 'points'",
        $"SELECT fingerprint FROM {Schema}.idempotency_keys WHERE program_id = $1 AND idempotency_key = $2",
    ];

    private static readonly string[] WriteSql =
    [
        $"INSERT INTO {Schema}.history (program_id, member_id, sequence, kind, occurred_at, actor, entry_id, account, entry_kind, points, idempotency_key) "
            + "VALUES ($1, $2, $3, 4, $4, 'api', $5, 'points', 1, $6, $7)",
        $"INSERT INTO {Schema}.balances AS b (program_id, member_id, account, earned, pending, reserved, spent, expired, deducted) "
            + "VALUES ($1, $2, 'points', $3, 0, 0, 0, 0, 0) ON CONFLICT (program_id, member_id, account) DO UPDATE SET earned = b.earned + EXCLUDED.earned",
        $"INSERT INTO {Schema}.lots (program_id, member_id, lot_id, account, points, remaining, reserved, earned_at) VALUES ($1, $2, $3, 'points', $4, $4, 0, $5)",
        $"INSERT INTO {Schema}.idempotency_keys (program_id, idempotency_key, member_id, fingerprint, result, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        $"INSERT INTO {Schema}.outbox (program_id, member_id, event_id, type, occurred_at, payload) VALUES ($1, $2, $3, 'PointsEarned', $4, $5)",
        $"UPDATE {Schema}.members SET last_sequence = $3, updated_at = $4, last_activity_at = $4 WHERE program_id = $1 AND member_id = $2",
        "COMMIT",
    ];

    private readonly NpgsqlDataSource _dataSource;

    public RawPostgreSqlAwardWriter(string connectionString) => _dataSource = NpgsqlDataSource.Create(connectionString);

    /// <summary>Awards points once per key; a replayed key writes nothing.</summary>
    public async Task AwardAsync(string member, long points, string key)
    {
        var connection = await _dataSource.OpenConnectionAsync();
        await using (connection)
        {
            try
            {
                await WriteAsync(connection, member, points, key);
            }
            catch
            {
                // Leave no transaction open on the pooled connection (the server would abort it anyway when it closes).
                await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
                await rollback.ExecuteNonQueryAsync();
                throw;
            }
        }
    }

    public void Dispose() => _dataSource.Dispose();

    private static async Task WriteAsync(NpgsqlConnection connection, string member, long points, string key)
    {
        long sequence;
        await using (var read = Batch(connection, ReadSql))
        {
            Bind(read, 1, Text(EngineFactory.ProgramId), Text(member));
            Bind(read, 2, Text(EngineFactory.ProgramId), Text(member));
            Bind(read, 3, Text(EngineFactory.ProgramId), Text(member));
            Bind(read, 4, Text(EngineFactory.ProgramId), Text(key));
            await read.PrepareAsync();
            await using var reader = await read.ExecuteReaderAsync();
            await reader.NextResultAsync();
            if (!await reader.ReadAsync() || reader.GetInt16(0) != 2)
            {
                throw new InvalidOperationException($"Member {member} is missing or not active.");
            }

            sequence = reader.GetInt64(1) + 1;
            await reader.NextResultAsync();
            _ = await reader.ReadAsync();
            await reader.NextResultAsync();
            if (await reader.ReadAsync())
            {
                // Replayed: nothing to write.
                await reader.DisposeAsync();
                await using var commit = new NpgsqlCommand("COMMIT", connection);
                await commit.ExecuteNonQueryAsync();
                return;
            }
        }

        var now = DateTime.UtcNow;
        var entry = Guid.CreateVersion7();
        var payload = string.Create(CultureInfo.InvariantCulture, $"{{\"entry_id\":\"{entry}\",\"account\":\"points\",\"kind\":\"Earn\",\"points\":{points}}}");
        await using var write = Batch(connection, WriteSql);
        Bind(write, 0, Text(EngineFactory.ProgramId), Text(member), Int64(sequence), Time(now), Uuid(entry), Int64(points), Text(key));
        Bind(write, 1, Text(EngineFactory.ProgramId), Text(member), Int64(points));
        Bind(write, 2, Text(EngineFactory.ProgramId), Text(member), Uuid(entry), Int64(points), Time(now));
        Bind(write, 3, Text(EngineFactory.ProgramId), Text(key), Text(member), Text($"award|{member}|points|{points}"), Text(entry.ToString("D")), Time(now));
        Bind(write, 4, Text(EngineFactory.ProgramId), Text(member), Uuid(Guid.CreateVersion7()), Time(now), Json(payload));
        Bind(write, 5, Text(EngineFactory.ProgramId), Text(member), Int64(sequence), Time(now));
        await write.PrepareAsync();
        await write.ExecuteNonQueryAsync();
    }

    private static NpgsqlBatch Batch(NpgsqlConnection connection, string[] statements)
    {
        var batch = new NpgsqlBatch(connection);
        foreach (var sql in statements)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(sql));
        }

        return batch;
    }

    private static void Bind(NpgsqlBatch batch, int command, params NpgsqlParameter[] parameters) => batch.BatchCommands[command].Parameters.AddRange(parameters);

    private static NpgsqlParameter<string> Text(string value) => new() { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = value };

    private static NpgsqlParameter<string> Json(string value) => new() { NpgsqlDbType = NpgsqlDbType.Json, TypedValue = value };

    private static NpgsqlParameter<long> Int64(long value) => new() { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = value };

    private static NpgsqlParameter<Guid> Uuid(Guid value) => new() { NpgsqlDbType = NpgsqlDbType.Uuid, TypedValue = value };

    private static NpgsqlParameter<DateTime> Time(DateTime value) => new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = value };
}
