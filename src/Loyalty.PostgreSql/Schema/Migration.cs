using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Loyalty.Storage.PostgreSql.Schema;

/// <summary>
/// One versioned, forward-only migration: an SQL script embedded in the assembly as
/// <c>Schema/Migrations/NNNN_name.sql</c>, with <c>{schema}</c> standing for the quoted schema name. Once released, a
/// script never changes: its checksum is recorded when applied and checked at every start.
/// </summary>
internal sealed record Migration(int Version, string Name, string Script, string Checksum)
{
    private const string ResourcePrefix = "Loyalty.PostgreSql.Migrations.";

    /// <summary>Gets every embedded migration, in version order.</summary>
    public static IReadOnlyList<Migration> All { get; } = Load();

    /// <summary>Gets the newest version this assembly knows.</summary>
    public static int Latest => All[^1].Version;

    /// <summary>Returns the script for a schema.</summary>
    public string ScriptFor(string quotedSchema) => Script.Replace("{schema}", quotedSchema, StringComparison.Ordinal);

    private static Migration[] Load()
    {
        var assembly = typeof(Migration).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) && resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                migrations.Add(Read(assembly, resource));
            }
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Embedded migrations must be numbered 1, 2, 3 … without gaps; found {migrations[i].Version} at position {i + 1}.");
            }
        }

        return migrations.Count > 0 ? [.. migrations] : throw new InvalidOperationException("No embedded migration was found.");
    }

    private static Migration Read(Assembly assembly, string resource)
    {
        var fileName = resource[ResourcePrefix.Length..^".sql".Length];
        var separator = fileName.IndexOf('_', StringComparison.Ordinal);
        var version = int.Parse(fileName.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture);
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var script = reader.ReadToEnd().ReplaceLineEndings("\n");
        var checksum = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(script))).ToLowerInvariant();
        return new Migration(version, fileName[(separator + 1)..], script, checksum);
    }
}
