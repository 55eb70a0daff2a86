using BenchmarkDotNet.Attributes;
using Loyalty.Ledger;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Benchmarks.Sqlite;

/// <summary>
/// The hot balance read on SQLite (warm: file on disk, pages cached, statements prepared), against a raw prepared
/// <see cref="SqliteCommand"/> reading the same columns of the same row on an open connection with the store's
/// settings (the baseline), and the obvious EF Core query with EF's defaults. Each call reads the next of 1,024 members, the same sequence for all three.
/// </summary>
[MemoryDiagnoser]
public class BalanceReadSqliteBenchmarks
{
    private const int Members = 10_000;
    private const int Probes = 1_024;

    private TempDatabase _database = null!;
    private ILoyaltyEngine _engine = null!;
    private ServiceProvider _provider = null!;
    private SqliteConnection _connection = null!;
    private SqliteCommand _raw = null!;
    private SqliteParameter _rawMember = null!;
    private BalancesDbContext _context = null!;
    private MemberId[] _ids = null!;
    private string[] _idTexts = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _database = new TempDatabase("balance-read");
        (_engine, _provider) = EngineFactory.Sqlite(_database.ConnectionString);
        EngineSeed.Members(_engine, Members);
        _ids = EngineSeed.Spread(Members, Probes);
        _idTexts = Array.ConvertAll(_ids, id => id.Value);

        _connection = RawConnection.Open(_database.ConnectionString);
        _raw = _connection.CreateCommand();
        _raw.CommandText = "SELECT earned, pending, reserved, spent, expired, deducted FROM balances WHERE program_id = $program AND member_id = $member AND account = $account";
        _raw.Parameters.AddWithValue("$program", EngineFactory.ProgramId);
        _rawMember = _raw.Parameters.AddWithValue("$member", _idTexts[0]);
        _raw.Parameters.AddWithValue("$account", AccountName.Default.Value);
        _raw.Prepare();

        _context = new BalancesDbContext(new DbContextOptionsBuilder<BalancesDbContext>().UseSqlite(_database.ConnectionString).Options);

        // Same answers from all three, and everything warm.
        for (var i = 0; i < Probes; i++)
        {
            _next = i - 1;
            var engine = Engine();
            _next = i - 1;
            var raw = RawCommand();
            _next = i - 1;
            var ef = EfCoreAsync().GetAwaiter().GetResult();
            if (engine != raw || raw != ef || raw <= 0)
            {
                throw new InvalidOperationException($"The three reads disagree for {_idTexts[i]}: {engine}, {raw}, {ef}.");
            }
        }

        _next = 0;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _context.Dispose();
        _raw.Dispose();
        _connection.Dispose();
        _provider.Dispose();
        SqliteConnection.ClearAllPools();
        _database.Dispose();
    }

    // Wraps around (a plain ++ would overflow in a long run: the build checks arithmetic).
    private int Next() => _next = (_next + 1) & (Probes - 1);

    [Benchmark(Baseline = true, Description = "raw prepared SqliteCommand")]
    public long RawCommand()
    {
        _rawMember.Value = _idTexts[Next()];
        using var reader = _raw.ExecuteReader();
        return reader.Read()
            ? new PointsBalance(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)).Spendable
            : -1;
    }

    [Benchmark(Description = "engine.GetBalanceAsync (SQLite)")]
    public long Engine()
    {
        var read = _engine.GetBalanceAsync(_ids[Next()]);
        return read.IsCompletedSuccessfully ? read.Result.Spendable : read.AsTask().GetAwaiter().GetResult().Spendable;
    }

    [Benchmark(Description = "EF Core SingleOrDefaultAsync (AsNoTracking)")]
    public async Task<long> EfCoreAsync()
    {
        var member = _idTexts[Next()];
        var balance = await _context.Balances.AsNoTracking()
            .SingleOrDefaultAsync(b => b.ProgramId == EngineFactory.ProgramId && b.MemberId == member && b.Account == "points");
        return balance is null ? -1 : Math.Max(0, balance.Earned - balance.Spent - balance.Reserved - balance.Expired - balance.Deducted);
    }
}
