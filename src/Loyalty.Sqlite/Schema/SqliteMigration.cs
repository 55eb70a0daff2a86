namespace Loyalty.Storage.Sqlite.Schema;

/// <summary>One forward-only schema step, embedded in the assembly as <c>NNNN_name.sql</c>.</summary>
/// <param name="Version">The schema version the step produces.</param>
/// <param name="Name">The step's name.</param>
/// <param name="Sql">The statements.</param>
internal sealed record SqliteMigration(int Version, string Name, string Sql)
{
    private const string ResourcePrefix = "Loyalty.Sqlite.Migrations.";

    /// <summary>Gets every embedded migration, in version order.</summary>
    public static IReadOnlyList<SqliteMigration> All { get; } = Load();

    private static SqliteMigration[] Load()
    {
        var assembly = typeof(SqliteMigration).Assembly;
        var migrations = new List<SqliteMigration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var file = resource[ResourcePrefix.Length..^".sql".Length];
            var underscore = file.IndexOf('_', StringComparison.Ordinal);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new SqliteMigration(
                int.Parse(file.AsSpan(0, underscore), System.Globalization.CultureInfo.InvariantCulture),
                file[(underscore + 1)..],
                reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"The embedded migrations must be numbered 1, 2, 3 … without gaps; found {migrations[i].Version} at position {i + 1}.");
            }
        }

        return [.. migrations];
    }
}
