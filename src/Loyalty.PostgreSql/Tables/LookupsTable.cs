using Npgsql;

namespace Loyalty.Storage.PostgreSql.Tables;

/// <summary>The <c>lookups</c> table: program-wide unique values (email, external reference, named external ids) keyed by value.</summary>
internal sealed class LookupsTable
{
    public LookupsTable(string schema)
    {
        Find = $"SELECT member_id FROM {schema}.lookups WHERE program_id = $1 AND kind = $2 AND value = $3";

        // Taking a value the member already holds is a no-op that still reports one row; a value held by another member
        // reports none (the caller raises the duplicate error). A value taken by an uncommitted writer waits for it.
        Take = $"INSERT INTO {schema}.lookups AS l (program_id, kind, value, member_id) VALUES ($1, $2, $3, $4) " +
            "ON CONFLICT (program_id, kind, value) DO UPDATE SET member_id = l.member_id WHERE l.member_id = EXCLUDED.member_id";
        Release = $"DELETE FROM {schema}.lookups WHERE program_id = $1 AND kind = $2 AND value = $3 AND member_id = $4";
        ReleaseAll = $"DELETE FROM {schema}.lookups WHERE program_id = $1 AND member_id = $2";
    }

    /// <summary>Finds the member holding value $3 of kind $2 in program $1.</summary>
    public string Find { get; }

    /// <summary>Takes a value for a member: <see cref="Bind"/>; affects no row when another member holds it.</summary>
    public string Take { get; }

    /// <summary>Releases a value the member holds: <see cref="Bind"/>.</summary>
    public string Release { get; }

    /// <summary>Releases every value of member $2 in program $1.</summary>
    public string ReleaseAll { get; }

    public static void Bind(NpgsqlParameterCollection parameters, ProgramId programId, LookupKey key, MemberId memberId)
    {
        parameters.Add(Param.Text(programId.Value));
        parameters.Add(Param.Int16((int)key.Kind));
        parameters.Add(Param.Text(key.Value));
        parameters.Add(Param.Text(memberId.Value));
    }
}
