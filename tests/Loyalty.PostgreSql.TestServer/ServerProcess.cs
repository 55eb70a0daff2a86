using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Loyalty.PostgreSql.TestServer;

/// <summary>One PostgreSQL cluster in a temporary folder, driven by initdb and pg_ctl.</summary>
internal sealed class ServerProcess
{
    private const string ServiceUser = "postgres";

    private readonly string _bin;
    private readonly string _folder;
    private readonly bool _asServiceUser;

    private ServerProcess(string bin, string folder, bool asServiceUser)
    {
        _bin = bin;
        _folder = folder;
        _asServiceUser = asServiceUser;
    }

    /// <summary>The prefix of a cluster folder's name.</summary>
    private const string FolderPrefix = "loyalty-pg-";

    /// <summary>Gets the cluster's folder: the data folder, the socket and <c>server.log</c>.</summary>
    public string Folder => _folder;

    private string DataFolder => Path.Combine(_folder, "data");

    private static bool AsServiceUser => Environment.UserName == "root";

    public static async Task<ServerProcess> StartAsync(string parentFolder, int port, bool durable)
    {
        var bin = FindBinaries();
        var folder = Path.Combine(parentFolder, FolderPrefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var asServiceUser = AsServiceUser;
        if (asServiceUser)
        {
            await RunAsync("chown", [ServiceUser + ":" + ServiceUser, folder], "give the test cluster's folder to the postgres user");
        }

        var server = new ServerProcess(bin, folder, asServiceUser);
        try
        {
            await server.PgAsync("initdb", ["-D", server.DataFolder, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"], "create the test cluster (initdb)");
            await server.WriteAccessRulesAsync();
            string[] settings =
            [
                "-p", port.ToString(CultureInfo.InvariantCulture),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=" + folder,
                "-c", "max_connections=400",
                "-c", "deadlock_timeout=100ms",
                "-c", "shared_buffers=128MB",
                .. durable ? Array.Empty<string>() : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
            ];
            await server.PgAsync("pg_ctl", ["-D", server.DataFolder, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o", string.Join(' ', settings), "start"], "start the test server (pg_ctl start)");
            return server;
        }
        catch (InvalidOperationException ex)
        {
            var log = Path.Combine(folder, "server.log");
            var tail = File.Exists(log) ? "\nServer log:\n" + await File.ReadAllTextAsync(log) : string.Empty;
            Directory.Delete(folder, recursive: true);
            throw new InvalidOperationException(ex.Message + tail, ex);
        }
    }

    public Task StopAsync() => StopAsync("fast");

    /// <summary>Stops the servers of the cluster folders left below <paramref name="parentFolder"/> (immediate shutdown) and deletes the folders.</summary>
    public static async Task<int> StopAllAsync(string parentFolder)
    {
        if (!Directory.Exists(parentFolder))
        {
            return 0;
        }

        var left = Directory.GetDirectories(parentFolder, FolderPrefix + "*");
        foreach (var folder in left)
        {
            if (File.Exists(Path.Combine(folder, "data", "postmaster.pid")))
            {
                await new ServerProcess(FindBinaries(), folder, AsServiceUser).StopAsync("immediate");
            }
            else
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        return left.Length;
    }

    private async Task StopAsync(string mode)
    {
        try
        {
            await PgAsync("pg_ctl", ["-D", DataFolder, "-m", mode, "-w", "-t", "60", "stop"], "stop the test server (pg_ctl stop)");
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Trust on the loopback address, except one role that must give its password (for the credential tests).</summary>
    private async Task WriteAccessRulesAsync()
    {
        var rules = new StringBuilder()
            .AppendLine("local all all trust")
            .AppendLine(CultureInfo.InvariantCulture, $"host all {PostgreSqlTestServer.PasswordRole} 127.0.0.1/32 scram-sha-256")
            .AppendLine("host all all 127.0.0.1/32 trust")
            .ToString();
        await File.WriteAllTextAsync(Path.Combine(DataFolder, "pg_hba.conf"), rules);
    }

    private static string FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("LOYALTY_POSTGRES_BIN") is { Length: > 0 } configured)
        {
            return File.Exists(Path.Combine(configured, "initdb"))
                ? configured
                : throw new InvalidOperationException($"LOYALTY_POSTGRES_BIN is '{configured}', but it holds no initdb.");
        }

        const string root = "/usr/lib/postgresql";
        var found = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            "A throwaway PostgreSQL server needs the server binaries, but no initdb was found under /usr/lib/postgresql/*/bin. " +
            "Install Debian's postgresql package (apt-get install -y postgresql), set LOYALTY_POSTGRES_BIN to the folder of initdb and pg_ctl, " +
            "or (for the PostgreSQL tests) set LOYALTY_TEST_POSTGRES to a superuser connection string of a running server.");
    }

    private Task PgAsync(string tool, IReadOnlyList<string> arguments, string purpose)
    {
        var path = Path.Combine(_bin, tool);
        return _asServiceUser
            ? RunAsync("runuser", ["-u", ServiceUser, "--", path, .. arguments], purpose)
            : RunAsync(path, arguments, purpose);
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, string purpose)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not {purpose}: '{fileName}' did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"Could not {purpose}: '{fileName} {string.Join(' ', arguments)}' exited with {process.ExitCode}.\n{await output}\n{await error}");
        }
    }
}
