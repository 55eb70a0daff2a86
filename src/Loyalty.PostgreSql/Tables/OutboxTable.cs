using Loyalty.Events;
using Npgsql;

namespace Loyalty.Storage.PostgreSql.Tables;

/// <summary>
/// The <c>outbox</c> table. Writers insert events without a position, so that concurrent writes of different members
/// never contend on a program-wide counter. Positions are given when the outbox is read: committed events without one
/// get the next positions of the program, in insertion order, under a lock on the program's <c>outbox_heads</c> row. An
/// event that commits late therefore gets a later position than every event a reader has already seen, so a consumer
/// polling "after position N" never skips one; the events of one member keep their order because that member's writes
/// are serialized by its lock.
/// </summary>
internal sealed class OutboxTable
{
    /// <summary>The largest number of events one read positions at once.</summary>
    public const int SequenceBatch = 5_000;

    public OutboxTable(string schema)
    {
        Insert = $"INSERT INTO {schema}.outbox (program_id, member_id, event_id, type, occurred_at, payload) VALUES ($1, $2, $3, $4, $5, $6)";
        HasUnsequenced = $"SELECT EXISTS (SELECT 1 FROM {schema}.outbox WHERE program_id = @Program AND position IS NULL)";
        LockHead = $"INSERT INTO {schema}.outbox_heads (program_id, last_position) VALUES (@Program, 0) ON CONFLICT (program_id) DO NOTHING; " +
            $"SELECT last_position FROM {schema}.outbox_heads WHERE program_id = @Program FOR UPDATE";
        Sequence = "WITH pending AS (" +
            "SELECT member_id, event_id, @Head + row_number() OVER (ORDER BY insert_seq) AS position " +
            $"FROM {schema}.outbox WHERE program_id = @Program AND position IS NULL ORDER BY insert_seq LIMIT {SequenceBatch}), " +
            $"assigned AS (UPDATE {schema}.outbox o SET position = p.position FROM pending p " +
            "WHERE o.program_id = @Program AND o.member_id = p.member_id AND o.event_id = p.event_id AND o.position IS NULL RETURNING o.position), " +
            $"head AS (UPDATE {schema}.outbox_heads SET last_position = (SELECT coalesce(max(position), @Head) FROM assigned) WHERE program_id = @Program) " +
            "SELECT count(*) FROM assigned";
        Read = "SELECT event_id AS EventId, type AS Type, member_id AS MemberId, occurred_at AS OccurredAt, payload::text AS Payload, position AS Position " +
            $"FROM {schema}.outbox WHERE program_id = @Program AND position > @After ORDER BY position LIMIT @Limit";
    }

    /// <summary>Appends an event without a position: <see cref="Bind"/>.</summary>
    public string Insert { get; }

    /// <summary>Tells whether program @Program has committed events without a position.</summary>
    public string HasUnsequenced { get; }

    /// <summary>Creates the program's head row if needed and locks it, returning the last position given.</summary>
    public string LockHead { get; }

    /// <summary>Gives the next positions after @Head to (at most <see cref="SequenceBatch"/> of) the program's unpositioned events, moves the head, and returns how many it positioned.</summary>
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
