using Microsoft.Extensions.Logging;

namespace Loyalty.Storage.PostgreSql.Schema;

/// <summary>Source-generated log messages of the schema migrator, with stable event ids.</summary>
internal static partial class MigrationLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Applied migration {Version} ({Name}) to schema {Schema}")]
    public static partial void Applied(ILogger logger, int version, string name, string schema);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "Schema {Schema} is at version {Version}, as this store expects")]
    public static partial void UpToDate(ILogger logger, string schema, int version);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Created schema {Schema}")]
    public static partial void CreatedSchema(ILogger logger, string schema);
}
