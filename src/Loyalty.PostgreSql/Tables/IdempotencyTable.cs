using Npgsql;

namespace Loyalty.Storage.PostgreSql.Tables;

/// <summary>The <c>idempotency_keys</c> table: program-wide, keyed by the caller's key.</summary>
internal sealed class IdempotencyTable
{
    public IdempotencyTable(string schema)
    {
        Get = $"SELECT idempotency_key, member_id, fingerprint, result, created_at FROM {schema}.idempotency_keys WHERE program_id = $1 AND idempotency_key = $2";
        Insert = $"INSERT INTO {schema}.idempotency_keys (program_id, idempotency_key, member_id, fingerprint, result, created_at) " +
            "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (program_id, idempotency_key) DO NOTHING";
    }

    /// <summary>Gets the record of key $2 in program $1.</summary>
    public string Get { get; }

    /// <summary>Stores a record unless the key is taken (then no row is affected): <see cref="Bind"/>.</summary>
    public string Insert { get; }

    public static void Bind(NpgsqlParameterCollection parameters, ProgramId programId, IdempotencyRecord record)
    {
        parameters.Add(Param.Text(programId.Value));
        parameters.Add(Param.Text(record.Key.Value));
        parameters.Add(Param.Text(record.MemberId.Value));
        parameters.Add(Param.Text(record.Fingerprint));
        parameters.Add(Param.Text(record.Result));
        parameters.Add(Param.Timestamp(record.CreatedAt));
    }

    public static IdempotencyRecord Read(NpgsqlDataReader reader) => new()
    {
        Key = IdempotencyKey.Parse(reader.GetString(0)),
        MemberId = reader.MemberId(1),
        Fingerprint = reader.GetString(2),
        Result = reader.GetString(3),
        CreatedAt = reader.Instant(4),
    };
}
