using Loyalty.Storage.PostgreSql;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses the PostgreSQL store on <see cref="ILoyaltyBuilder"/>.</summary>
public static class PostgreSqlLoyaltyBuilderExtensions
{
    /// <summary>
    /// Uses the PostgreSQL store, connecting with <paramref name="connectionString"/> through a connection pool the store
    /// owns (disposed with the service provider). The schema is created or migrated at host start (or on first use).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="configure">Configures the store options (schema name, command timeout …), or <see langword="null"/> for the defaults.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The connection string or an option is invalid.</exception>
    public static ILoyaltyBuilder UsePostgreSql(this ILoyaltyBuilder builder, string connectionString, Action<PostgreSqlStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = Configure(configure);
        return builder.UseStore(services => new PostgreSqlLoyaltyStore(connectionString, options, services.GetService<ILoggerFactory>()));
    }

    /// <summary>
    /// Uses the PostgreSQL store over a data source the caller owns (its pool, credentials and settings; it is not disposed
    /// with the service provider).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="dataSource">The Npgsql data source.</param>
    /// <param name="configure">Configures the store options (schema name, command timeout …), or <see langword="null"/> for the defaults.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static ILoyaltyBuilder UsePostgreSql(this ILoyaltyBuilder builder, NpgsqlDataSource dataSource, Action<PostgreSqlStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dataSource);
        var options = Configure(configure);
        return builder.UseStore(services => new PostgreSqlLoyaltyStore(dataSource, options, services.GetService<ILoggerFactory>()));
    }

    /// <summary>Runs the configuration now and validates it, so that a bad option fails at registration, naming the option.</summary>
    private static PostgreSqlStoreOptions Configure(Action<PostgreSqlStoreOptions>? configure)
    {
        var options = new PostgreSqlStoreOptions();
        configure?.Invoke(options);
        options.Validate();
        return options;
    }
}
