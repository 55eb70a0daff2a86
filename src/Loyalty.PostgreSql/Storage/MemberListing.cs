using System.Text;
using Loyalty.Members;
using Loyalty.Storage.PostgreSql.Tables;
using Npgsql;

namespace Loyalty.Storage.PostgreSql.Storage;

/// <summary>
/// The member listing query: a keyset page in identifier order (the primary key's order, ordinal by the "C" collation)
/// with only the filters that are set, so that each combination gets its own plan.
/// </summary>
internal static class MemberListing
{
    public static NpgsqlCommand Command(Session session, ProgramId programId, MemberFilter filter)
    {
        var sql = new StringBuilder(session.Database.Statements.Members.ListPrefix);
        var command = session.Command(string.Empty);
        var parameters = command.Parameters;
        parameters.Add(Param.Text(programId.Value));
        parameters.Add(Param.Text(filter.After?.Value ?? string.Empty));
        if (filter.EmailContains is { } email)
        {
            parameters.Add(Param.Text(email));
            sql.Append(" AND strpos(m.email_normalized, $").Append(parameters.Count).Append(") > 0");
        }

        if (filter.Status is { } status)
        {
            parameters.Add(Param.Int16((int)status));
            sql.Append(" AND m.status = $").Append(parameters.Count);
        }

        if (filter.Tier is { } tier)
        {
            parameters.Add(Param.Text(tier));
            sql.Append(" AND m.tier = $").Append(parameters.Count);
        }

        AddRange(sql, parameters, "m.created_at", filter.CreatedFrom, filter.CreatedTo);
        AddRange(sql, parameters, "m.updated_at", filter.UpdatedFrom, filter.UpdatedTo);
        parameters.Add(Param.Int32(filter.Limit));
        sql.Append(" ORDER BY m.member_id LIMIT $").Append(parameters.Count);
        command.CommandText = sql.ToString();
        return command;
    }

    /// <summary>Adds an inclusive lower and an exclusive upper bound on a time column, each only if set.</summary>
    private static void AddRange(StringBuilder sql, NpgsqlParameterCollection parameters, string column, NodaTime.Instant? from, NodaTime.Instant? to)
    {
        if (from is { } start)
        {
            parameters.Add(Param.Timestamp(start));
            sql.Append(" AND ").Append(column).Append(" >= $").Append(parameters.Count);
        }

        if (to is { } end)
        {
            parameters.Add(Param.Timestamp(end));
            sql.Append(" AND ").Append(column).Append(" < $").Append(parameters.Count);
        }
    }
}
