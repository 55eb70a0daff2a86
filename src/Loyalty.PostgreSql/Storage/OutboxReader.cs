using Dapper;
using Loyalty.Events;
using Loyalty.Storage.PostgreSql.Tables;
using Npgsql;

namespace Loyalty.Storage.PostgreSql.Storage;

/// <summary>Reads a program's outbox after first giving committed events their positions (see <see cref="OutboxTable"/>).</summary>
internal static class OutboxReader
{
    public static async Task<IReadOnlyList<OutboxMessage>> ReadAsync(StoreDatabase database, NpgsqlConnection connection, ProgramId programId, long afterPosition, int limit, CancellationToken cancellationToken)
    {
        var outbox = database.Statements.Outbox;
        var program = new { Program = programId.Value };

        // Every event committed before this read gets its position first, so the read sees them all (as the in-memory store does).
        var until = await connection.ExecuteScalarAsync<long?>(Command(database, outbox.LastUnsequenced, program, null, cancellationToken)).ConfigureAwait(false);
        if (until is { } last)
        {
            long positioned;
            do
            {
                positioned = await SequenceAsync(database, connection, programId, last, cancellationToken).ConfigureAwait(false);
            }
            while (positioned > 0);
        }

        var rows = await connection.QueryAsync<OutboxRow>(Command(
            database, outbox.Read, new { Program = programId.Value, After = afterPosition, Limit = limit }, null, cancellationToken)).ConfigureAwait(false);
        var messages = new List<OutboxMessage>();
        foreach (var row in rows)
        {
            messages.Add(new OutboxMessage
            {
                EventId = row.EventId,
                Type = row.Type,
                MemberId = MemberId.Parse(row.MemberId),
                OccurredAt = NodaTime.Instant.FromDateTimeUtc(row.OccurredAt),
                Payload = row.Payload,
                Position = row.Position,
            });
        }

        return messages;
    }

    /// <summary>One positioning pass in its own short transaction, serialized per program by the lock on its head row.</summary>
    /// <returns>The number of events positioned.</returns>
    private static async Task<long> SequenceAsync(StoreDatabase database, NpgsqlConnection connection, ProgramId programId, long until, CancellationToken cancellationToken)
    {
        var outbox = database.Statements.Outbox;
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var head = await connection.ExecuteScalarAsync<long>(Command(database, outbox.LockHead, new { Program = programId.Value }, transaction, cancellationToken)).ConfigureAwait(false);
            var positioned = await connection.ExecuteScalarAsync<long>(Command(database, outbox.Sequence, new { Program = programId.Value, Head = head, Until = until }, transaction, cancellationToken)).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return positioned;
        }
    }

    private static CommandDefinition Command(StoreDatabase database, string sql, object parameters, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, database.CommandTimeoutSeconds, cancellationToken: cancellationToken);

    /// <summary>An outbox row as Dapper maps it.</summary>
    private sealed class OutboxRow
    {
        public Guid EventId { get; init; }

        public string Type { get; init; } = string.Empty;

        public string MemberId { get; init; } = string.Empty;

        public DateTime OccurredAt { get; init; }

        public string Payload { get; init; } = string.Empty;

        public long Position { get; init; }
    }
}
