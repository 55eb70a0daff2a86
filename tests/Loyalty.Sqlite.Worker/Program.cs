using System.Globalization;
using Loyalty;
using Loyalty.Sqlite.Worker;
using Microsoft.Extensions.DependencyInjection;

// Usage:
//   hammer DB PROGRAM SEED OPERATIONS MEMBERS   random ledger writes on members m0..m(MEMBERS-1); prints one JSON line of totals
//   crash  DB PROGRAM RUN MEMBERS               batches of awards until killed; prints "committed N" after each batch
//   open   DB PROGRAM - -                       opens the store (creating or migrating the file) and lists members
if (args.Length < 5 || (args[0] == "hammer" && args.Length != 6))
{
    Console.Error.WriteLine("usage: hammer DB PROGRAM SEED OPERATIONS MEMBERS | crash DB PROGRAM RUN MEMBERS");
    return 64;
}

int Number(int index) => int.Parse(args[index], CultureInfo.InvariantCulture);

var services = new ServiceCollection();
services.AddLoyalty(options => options.ProgramId = args[2]).UseSqlite($"Data Source={args[1]}");
await using var provider = services.BuildServiceProvider();
var engine = provider.GetRequiredService<ILoyaltyEngine>();
switch (args[0])
{
    case "hammer":
        Console.WriteLine(await Hammer.RunAsync(engine, seed: Number(3), operations: Number(4), members: Number(5)));
        return 0;
    case "open":
        Console.WriteLine((await engine.ListMembersAsync()).Members.Count);
        return 0;
    case "crash":
        await CrashWriter.RunAsync(engine, run: Number(3), members: Number(4));
        return 0;
    default:
        Console.Error.WriteLine($"unknown mode '{args[0]}'");
        return 64;
}
