using Npgsql;

namespace Loyalty.Storage.PostgreSql.Errors;

/// <summary>Where the store connects, for error messages (never the password).</summary>
internal sealed class StoreTarget
{
    public StoreTarget(NpgsqlDataSource dataSource, string schema)
    {
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        Schema = schema;
        Description = $"PostgreSQL at {settings.Host ?? "localhost"}:{settings.Port}, database '{settings.Database ?? settings.Username}', user '{settings.Username}', schema '{schema}'";
    }

    /// <summary>Gets the schema name.</summary>
    public string Schema { get; }

    /// <summary>Gets a description such as <c>PostgreSQL at db:5432, database 'shop', user 'app', schema 'loyalty'</c>.</summary>
    public string Description { get; }

    public override string ToString() => Description;
}
