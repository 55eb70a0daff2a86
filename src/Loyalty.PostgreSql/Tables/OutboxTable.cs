using Loyalty.Events;
using Npgsql;

namespace Loyalty.Storage.PostgreSql.Tables;

/// <summary>
/// The <c>outbox</c> table. Writers insert events without a position, so that concurrent writes of different members
/// never contend on a program-wide counter. Positions are given when the outbox is read: committed events without one
/// get positions above every position given before, in insertion order, under a lock on the program's <c>outbox_heads</c> row. An
/// event that commits late therefore gets a later position than every event a reader has already seen, so a consumer
/// polling "after position N" never skips one; the events of one member keep their order because that member's writes
/// are serialized by its lock.
/// </summary>
internal sealed class OutboxTable
{
    /// <summary>The largest range of insertion numbers one positioning pass covers.</summary>
    public const int SequenceBatch = 5_000;

    public OutboxTable(string schema)
    {
        Insert = $"INSERT INTO {schema}.outbox (program_id, member_id, event_id, type, occurred_at, payload) VALUES ($1, $2, $3, $4, $5, $6)";
        LastUnsequenced = $"SELECT max(insert_seq) FROM {schema}.outbox WHERE program_id = @Program AND position IS NULL";
        LockHead = $"INSERT INTO {schema}.outbox_heads (program_id, last_position) VALUES (@Program, 0) ON CONFLICT (program_id) DO NOTHING; " +
            $"SELECT last_position FROM {schema}.outbox_heads WHERE program_id = @Program FOR UPDATE";

        // One table, one index range, no join: a plan that stays linear even when the table's statistics are stale.
        Sequence = $"WITH first AS (SELECT min(insert_seq) AS seq FROM {schema}.outbox WHERE program_id = @Program AND position IS NULL AND insert_seq <= @Until), " +
            $"assigned AS (UPDATE {schema}.outbox o SET position = @Head + (o.insert_seq - first.seq) + 1 FROM first " +
            $"WHERE o.program_id = @Program AND o.position IS NULL AND o.insert_seq >= first.seq AND o.insert_seq < first.seq + {SequenceBatch} AND o.insert_seq <= @Until " +
            "RETURNING o.position), " +
            $"head AS (UPDATE {schema}.outbox_heads SET last_position = (SELECT coalesce(max(position), @Head) FROM assigned) WHERE program_id = @Program) " +
            "SELECT count(*) FROM assigned";
        Read = "SELECT event_id AS EventId, type AS Type, member_id AS MemberId, occurred_at AS OccurredAt, payload::text AS Payload, position AS Position " +
            $"FROM {schema}.outbox WHERE program_id = @Program AND position > @After ORDER BY position LIMIT @Limit";
    }

    /// <summary>Appends an event without a position: <see cref="Bind"/>.</summary>
    public string Insert { get; }

    /// <summary>Gets the insertion number of program @Program's last committed event without a position (null when none).</summary>
    public string LastUnsequenced { get; }

    /// <summary>Creates the program's head row if needed and locks it, returning the last position given.</summary>
    public string LockHead { get; }

    /// <summary>
    /// Gives positions after @Head to the program's unpositioned events inserted up to @Until, at most
    /// <see cref="SequenceBatch"/> insertion numbers from the first, in insertion order; moves the head; returns how many
    /// it positioned. Positions increase with insertion order but may skip numbers (other programs' events share the
    /// insertion numbers); a later pass always gives greater positions.
    /// </summary>
    public string Sequence { get; }

    /// <summary>Reads events of program @Program after position @After, at most @Limit.</summary>
    public string Read { get; }

    public static void Bind(NpgsqlParameterCollection parameters, ProgramId programId, OutboxMessage message)
    {
        parameters.AddMemberKey(programId, message.MemberId);
        parameters.Add(Param.Uuid(message.EventId));
        parameters.Add(Param.Text(message.Type));
        parameters.Add(Param.Timestamp(message.OccurredAt));
        parameters.Add(Param.Json(message.Payload));
    }
}
