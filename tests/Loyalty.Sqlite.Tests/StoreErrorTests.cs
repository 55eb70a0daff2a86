using Loyalty.Members;
using Loyalty.Storage.Sqlite.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Sqlite.Tests;

/// <summary>Unusable files and settings give clear typed errors, never raw SQLite exceptions.</summary>
public sealed class StoreErrorTests : IAsyncDisposable
{
    private readonly TempDirectory _directory = TempDirectory.Create();
    private readonly SqliteEngines _engines = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MissingDirectory_FailsWithStoreUnavailable_NamingTheFile()
    {
        var path = Path.Combine(_directory.Path, "no-such-folder", "loyalty.db");
        var error = await Assert.ThrowsAsync<LoyaltyException>(() => _engines.Create(path, "p").EnrollAsync(new NewMember(), Cancellation));
        Assert.Equal(ErrorCode.StoreUnavailable, error.Code);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.IsType<SqliteException>(error.InnerException);
    }

    [Fact]
    public async Task ReadOnlyDirectory_FailsWithStoreUnavailable()
    {
        // /proc refuses new files even to root, so this holds whoever runs the tests (chmod does not bind root).
        var error = await Assert.ThrowsAsync<LoyaltyException>(() => _engines.Create("/proc/loyalty-test.db", "p").EnrollAsync(new NewMember(), Cancellation));
        Assert.Equal(ErrorCode.StoreUnavailable, error.Code);
        Assert.Contains("/proc/loyalty-test.db", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadOnlyConnection_RefusesWrites_WithStoreUnavailable_AndStillReads()
    {
        var path = _directory.File("readonly.db");
        var writer = _engines.Create(path, "p");
        var ada = await writer.EnrollAsync(new NewMember { Email = "ada@example.com" }, Cancellation);

        var reader = _engines.CreateFromConnectionString($"Data Source={path};Mode=ReadOnly", "p");
        var error = await Assert.ThrowsAsync<LoyaltyException>(() => reader.EnrollAsync(new NewMember(), Cancellation));
        Assert.Equal(ErrorCode.StoreUnavailable, error.Code);
        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(ada.Id, (await reader.FindMemberByEmailAsync("ada@example.com", Cancellation))?.Id);
    }

    [Fact]
    public async Task FileThatIsNotADatabase_IsRefused_AndLeftUntouched()
    {
        var path = _directory.File("notes.db");
        await File.WriteAllTextAsync(path, "These are my notes, not a database. They go on for a while so the header is long enough.\n", Cancellation);
        var before = await File.ReadAllBytesAsync(path, Cancellation);

        var error = await Assert.ThrowsAsync<LoyaltyException>(() => _engines.Create(path, "p").EnrollAsync(new NewMember(), Cancellation));
        Assert.Equal(ErrorCode.StoreSchemaMismatch, error.Code);
        Assert.Contains("not a SQLite database", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(path, Cancellation));
    }

    [Fact]
    public async Task SqliteDatabaseOfAnotherApplication_IsRefused_AndLeftUntouched()
    {
        var path = _directory.File("other.db");
        using (var connection = MigrationTests.Open(path))
        {
            MigrationTests.Execute(connection, "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)");
        }

        var error = await Assert.ThrowsAsync<LoyaltyException>(() => _engines.Create(path, "p").EnrollAsync(new NewMember(), Cancellation));
        Assert.Equal(ErrorCode.StoreSchemaMismatch, error.Code);
        Assert.Contains("not a Loyalty database", error.Message, StringComparison.Ordinal);
        Assert.Contains("invoices", error.Message, StringComparison.Ordinal);
        using (var connection = MigrationTests.Open(path))
        {
            Assert.Equal(1L, MigrationTests.Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"));
        }
    }

    [Fact]
    public async Task DatabaseFromANewerVersion_IsRefused()
    {
        var path = _directory.File("newer.db");
        await _engines.Create(path, "p").EnrollAsync(new NewMember(), Cancellation);
        using (var connection = MigrationTests.Open(path))
        {
            MigrationTests.Execute(connection, $"INSERT INTO loyalty_schema (version, name, applied_at) VALUES ({SqliteMigrator.CurrentVersion + 1}, 'future', 0)");
        }

        var error = await Assert.ThrowsAsync<LoyaltyException>(() => _engines.Create(path, "p").ListMembersAsync(cancellationToken: Cancellation).AsTask());
        Assert.Equal(ErrorCode.StoreSchemaMismatch, error.Code);
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Mode=Memory;Data Source=shared")]
    [InlineData("Cache=Shared")]
    [InlineData("Data Source=x.db;Nonsense Keyword=1")]
    public void UnusableConnectionString_IsRejectedAtRegistration(string connectionString)
    {
        var services = new ServiceCollection();
        var error = Assert.Throws<LoyaltyException>(() => services.AddLoyalty(o => o.ProgramId = "p").UseSqlite(connectionString));
        Assert.Equal(ErrorCode.ValidationFailed, error.Code);
        Assert.Equal("connectionString", error.Field);
    }

    [Fact]
    public void NegativeBusyTimeout_IsRejectedAtRegistration()
    {
        var services = new ServiceCollection();
        var error = Assert.Throws<LoyaltyException>(() => services.AddLoyalty(o => o.ProgramId = "p").UseSqlite("Data Source=x.db", o => o.BusyTimeout = TimeSpan.FromSeconds(-1)));
        Assert.Equal(ErrorCode.ValidationFailed, error.Code);
        Assert.Equal("busyTimeout", error.Field);
    }

    public async ValueTask DisposeAsync()
    {
        await _engines.DisposeAsync();
        _directory.Dispose();
    }
}
