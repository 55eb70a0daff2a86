using BenchmarkDotNet.Attributes;
using Loyalty.Ledger;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Loyalty.Benchmarks.PostgreSql;

/// <summary>
/// The hot balance read on PostgreSQL (warm: rows cached by the server, statements prepared), on a throwaway server on
/// the loopback address. The baseline is a raw prepared <see cref="NpgsqlCommand"/> reading the same columns of the same
/// <c>balances</c> row on a connection held open (the floor: one round trip, nothing else); the second row is the same
/// command as request-scoped code writes it, taking a pooled connection from an <see cref="NpgsqlDataSource"/> for each
/// call, which is what the store does. Each call reads the next of 1,024 members, the same sequence for all three.
/// </summary>
[MemoryDiagnoser]
public class BalanceReadPostgreSqlBenchmarks
{
    private const int Probes = 1_024;
    private const string Sql = "SELECT earned, pending, reserved, spent, expired, deducted FROM loyalty.balances WHERE program_id = $1 AND member_id = $2 AND account = $3";

    private PostgreSqlBenchServer? _server;
    private ServiceProvider? _provider;
    private ILoyaltyEngine _engine = null!;
    private NpgsqlDataSource? _dataSource;
    private NpgsqlConnection? _connection;
    private NpgsqlCommand _raw = null!;
    private NpgsqlParameter<string> _rawMember = null!;
    private MemberId[] _ids = null!;
    private string[] _idTexts = null!;
    private int _next;

    private static int Members => BenchSizes.Pick(10_000, Probes);

    [GlobalSetup]
    public void Setup()
    {
        (_server, _engine, _provider) = PostgreSqlBenchServer.StartSeeded(Members);
        try
        {
            _ids = EngineSeed.Spread(Members, Probes);
            _idTexts = Array.ConvertAll(_ids, id => id.Value);
            _dataSource = NpgsqlDataSource.Create(_server.RawConnectionString);
            _connection = _dataSource.OpenConnection();
            (_raw, _rawMember) = Command(_connection);
            _raw.Prepare();

            // Same answers from all three, and everything warm (every statement prepared on every pooled connection used).
            for (var i = 0; i < Probes; i++)
            {
                _next = i - 1;
                var raw = RawCommandAsync().GetAwaiter().GetResult();
                _next = i - 1;
                var pooled = RawPooledAsync().GetAwaiter().GetResult();
                _next = i - 1;
                var engine = EngineAsync().GetAwaiter().GetResult();
                if (engine != raw || raw != pooled || raw <= 0)
                {
                    throw new InvalidOperationException($"The three reads disagree for {_idTexts[i]}: {raw}, {pooled}, {engine}.");
                }
            }

            _next = 0;
        }
        catch
        {
            Cleanup();
            throw;
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _connection?.Dispose();
        _dataSource?.Dispose();
        _provider?.Dispose();
        _server?.Dispose();
    }

    // Wraps around (a plain ++ would overflow in a long run: the build checks arithmetic).
    private int Next() => _next = (_next + 1) & (Probes - 1);

    [Benchmark(Baseline = true, Description = "raw prepared NpgsqlCommand, connection held open")]
    public async Task<long> RawCommandAsync()
    {
        _rawMember.TypedValue = _idTexts[Next()];
        return await ReadAsync(_raw);
    }

    [Benchmark(Description = "raw prepared NpgsqlCommand, pooled connection per call")]
    public async Task<long> RawPooledAsync()
    {
        await using var connection = await _dataSource!.OpenConnectionAsync();
        var (command, member) = Command(connection);
        await using (command)
        {
            member.TypedValue = _idTexts[Next()];
            await command.PrepareAsync();
            return await ReadAsync(command);
        }
    }

    [Benchmark(Description = "engine.GetBalanceAsync (PostgreSQL)")]
    public async Task<long> EngineAsync() => (await _engine.GetBalanceAsync(_ids[Next()])).Spendable;

    private static (NpgsqlCommand Command, NpgsqlParameter<string> Member) Command(NpgsqlConnection connection)
    {
        var command = new NpgsqlCommand(Sql, connection);
        var member = new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = string.Empty };
        command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = EngineFactory.ProgramId });
        command.Parameters.Add(member);
        command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = AccountName.Default.Value });
        return (command, member);
    }

    private static async Task<long> ReadAsync(NpgsqlCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? new PointsBalance(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)).Spendable
            : -1;
    }
}
