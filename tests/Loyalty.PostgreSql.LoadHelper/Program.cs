// One app instance of the multi-process test: its own process, engine and connection pool over the shared database.
// Arguments: connection string, program id, instance name, operations, concurrency, seed, then the member ids.
// Prints the tally as one JSON line on standard output; exits non-zero on any unexpected failure.
using System.Globalization;
using System.Text.Json;
using Loyalty;
using Loyalty.PostgreSql.LoadHelper;
using Microsoft.Extensions.DependencyInjection;

if (args.Length < 7)
{
    Console.Error.WriteLine("usage: Loyalty.PostgreSql.LoadHelper <connection string> <program> <instance> <operations> <concurrency> <seed> <member>...");
    return 2;
}

var services = new ServiceCollection();
services.AddLoyalty(options => options.ProgramId = args[1]).UsePostgreSql(args[0]);
await using var provider = services.BuildServiceProvider();
var engine = provider.GetRequiredService<ILoyaltyEngine>();
var members = args[6..].Select(MemberId.Parse).ToArray();
var tally = await new Workload(engine, members, args[2]).RunAsync(
    int.Parse(args[3], CultureInfo.InvariantCulture), int.Parse(args[4], CultureInfo.InvariantCulture), int.Parse(args[5], CultureInfo.InvariantCulture), CancellationToken.None);
Console.WriteLine(JsonSerializer.Serialize(tally));
return 0;
