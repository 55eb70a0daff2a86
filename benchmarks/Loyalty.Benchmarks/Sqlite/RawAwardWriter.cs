using System.Globalization;
using Loyalty.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Loyalty.Benchmarks.Sqlite;

/// <summary>
/// The hand-written equivalent of one award on the store's schema, the baseline of the SQLite earn suite: one
/// <c>BEGIN IMMEDIATE</c> transaction with prepared commands that checks the idempotency key, reads the member and the
/// balance, and writes the same rows the engine writes (history entry, balance, lot, idempotency record, outbox event,
/// member's last sequence), on a connection with the store's settings. No validation, no rules, no retries: the floor
/// the engine's own work sits on. <see cref="AwardAll"/> runs the same statements for many awards in one transaction.
/// </summary>
internal sealed class RawAwardWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _selectIdempotency;
    private readonly SqliteCommand _selectMember;
    private readonly SqliteCommand _selectBalance;
    private readonly SqliteCommand _insertHistory;
    private readonly SqliteCommand _upsertBalance;
    private readonly SqliteCommand _insertLot;
    private readonly SqliteCommand _insertIdempotency;
    private readonly SqliteCommand _insertOutbox;
    private readonly SqliteCommand _updateMember;

    public RawAwardWriter(string connectionString, SqliteSynchronousMode synchronous)
    {
        _connection = RawConnection.Open(connectionString);
        using (var pragmas = _connection.CreateCommand())
        {
            pragmas.CommandText = $"PRAGMA busy_timeout = 30000; PRAGMA synchronous = {(synchronous == SqliteSynchronousMode.Full ? "FULL" : "NORMAL")};";
            pragmas.ExecuteNonQuery();
        }

        _begin = Prepare("BEGIN IMMEDIATE");
        _commit = Prepare("COMMIT");
        _selectIdempotency = Prepare("SELECT fingerprint FROM idempotency WHERE program_id = $program AND key = $key", "$key");
        _selectMember = Prepare("SELECT status, last_sequence FROM members WHERE program_id = $program AND member_id = $member", "$member");
        _selectBalance = Prepare("SELECT earned, pending, reserved, spent, expired, deducted FROM balances WHERE program_id = $program AND member_id = $member AND account = 'points'", "$member");
        _insertHistory = Prepare(
            "INSERT INTO history (program_id, member_id, sequence, kind, occurred_at, actor, entry_id, account, entry_kind, points, idempotency_key) "
            + "VALUES ($program, $member, $sequence, 4, $now, 'api', $entry, 'points', 1, $points, $key)",
            "$member", "$sequence", "$now", "$entry", "$points", "$key");
        _upsertBalance = Prepare(
            "INSERT INTO balances (program_id, member_id, account, earned, pending, reserved, spent, expired, deducted) VALUES ($program, $member, 'points', $points, 0, 0, 0, 0, 0) "
            + "ON CONFLICT (program_id, member_id, account) DO UPDATE SET earned = earned + excluded.earned",
            "$member", "$points");
        _insertLot = Prepare(
            "INSERT INTO lots (program_id, member_id, lot_id, account, points, remaining, reserved, earned_at) VALUES ($program, $member, $entry, 'points', $points, $points, 0, $now)",
            "$member", "$entry", "$points", "$now");
        _insertIdempotency = Prepare(
            "INSERT INTO idempotency (program_id, key, member_id, fingerprint, result, created_at) VALUES ($program, $key, $member, $fingerprint, $result, $now)",
            "$key", "$member", "$fingerprint", "$result", "$now");
        _insertOutbox = Prepare(
            "INSERT INTO outbox (program_id, event_id, type, member_id, occurred_at, payload) VALUES ($program, $event, 'PointsEarned', $member, $now, $payload)",
            "$event", "$member", "$now", "$payload");
        _updateMember = Prepare("UPDATE members SET last_sequence = $sequence WHERE program_id = $program AND member_id = $member", "$member", "$sequence");
    }

    /// <summary>Awards points once per key, in a transaction of its own; a replayed key writes nothing.</summary>
    public void Award(string member, long points, string key, long now) => InTransaction(() => AwardInTransaction(member, points, key, now));

    /// <summary>Awards points to each member with its key, all of it in one transaction (the floor of a batch award).</summary>
    public void AwardAll(IReadOnlyList<string> members, long points, IReadOnlyList<string> keys, long now) => InTransaction(() =>
    {
        for (var i = 0; i < keys.Count; i++)
        {
            AwardInTransaction(members[i % members.Count], points, keys[i], now);
        }
    });

    public void Dispose() => _connection.Dispose();

    private void InTransaction(Action work)
    {
        _begin.ExecuteNonQuery();
        try
        {
            work();
            _commit.ExecuteNonQuery();
        }
        catch
        {
            using var rollback = _connection.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
            throw;
        }
    }

    private void AwardInTransaction(string member, long points, string key, long now)
    {
        _selectIdempotency.Parameters["$key"].Value = key;
        if (_selectIdempotency.ExecuteScalar() is not null)
        {
            return;
        }

        long sequence;
        _selectMember.Parameters["$member"].Value = member;
        using (var reader = _selectMember.ExecuteReader())
        {
            if (!reader.Read() || reader.GetInt32(0) != 2)
            {
                throw new InvalidOperationException($"Member {member} is missing or not active.");
            }

            sequence = reader.GetInt64(1) + 1;
        }

        _selectBalance.Parameters["$member"].Value = member;
        using (var reader = _selectBalance.ExecuteReader())
        {
            _ = reader.Read();
        }

        var entry = Guid.CreateVersion7().ToString("D");
        Bind(_insertHistory, ("$member", member), ("$sequence", sequence), ("$now", now), ("$entry", entry), ("$points", points), ("$key", key));
        Bind(_upsertBalance, ("$member", member), ("$points", points));
        Bind(_insertLot, ("$member", member), ("$entry", entry), ("$points", points), ("$now", now));
        Bind(_insertIdempotency, ("$key", key), ("$member", member), ("$fingerprint", $"award|{member}|points|{points}"), ("$result", entry), ("$now", now));
        var payload = string.Create(CultureInfo.InvariantCulture, $"{{\"entry_id\":\"{entry}\",\"account\":\"points\",\"kind\":\"Earn\",\"points\":{points}}}");
        Bind(_insertOutbox, ("$event", Guid.CreateVersion7().ToString("D")), ("$member", member), ("$now", now), ("$payload", payload));
        Bind(_updateMember, ("$member", member), ("$sequence", sequence));
    }

    private static void Bind(SqliteCommand command, params (string Name, object Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            command.Parameters[name].Value = value;
        }

        command.ExecuteNonQuery();
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        if (sql.Contains("$program", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("$program", EngineFactory.ProgramId);
        }

        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, string.Empty));
        }

        command.Prepare();
        return command;
    }
}
