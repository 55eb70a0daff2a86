using Loyalty.Storage.Sqlite;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Selects the SQLite store on <see cref="ILoyaltyBuilder"/>.</summary>
public static class SqliteLoyaltyBuilderExtensions
{
    /// <summary>
    /// Uses the SQLite store on one database file (created if missing, migrated at start), replacing any store chosen
    /// before. The store is a singleton disposed with the service provider.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="connectionString">The connection string, at least <c>Data Source=path/to/loyalty.db</c>.</param>
    /// <param name="configure">Adjusts the other settings (synchronous mode, busy timeout).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="Loyalty.LoyaltyException"><see cref="Loyalty.ErrorCode.ValidationFailed"/> when the settings are unusable.</exception>
    public static ILoyaltyBuilder UseSqlite(this ILoyaltyBuilder builder, string connectionString, Action<SqliteStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = new SqliteStoreOptions { ConnectionString = connectionString };
        configure?.Invoke(options);

        // Validate now, so that a bad connection string fails at registration rather than at first use.
        new SqliteLoyaltyStore(options).Dispose();
        return builder.UseStore(_ => new SqliteLoyaltyStore(options));
    }
}
