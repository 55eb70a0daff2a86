namespace Loyalty.PostgreSql.TestServer;

/// <summary>Where a <see cref="PostgreSqlTestServer"/> puts its cluster, and how durable the cluster is.</summary>
public sealed class PostgreSqlTestServerOptions
{
    /// <summary>
    /// Gets or sets a value indicating whether the server keeps PostgreSQL's durability defaults (<c>fsync</c>,
    /// <c>synchronous_commit</c> and <c>full_page_writes</c> on), as a production server would.
    /// <value>The default value is <see langword="false"/>: all three off, which a throwaway cluster does not need.</value>
    /// </summary>
    public bool Durable { get; set; }

    /// <summary>
    /// Gets or sets the folder the cluster's own folder is created in (it is created if missing).
    /// <value>The default value is <see langword="null"/>: the system temp folder.</value>
    /// </summary>
    public string? ParentFolder { get; set; }
}
