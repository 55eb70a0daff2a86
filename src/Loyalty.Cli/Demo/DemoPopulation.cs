using System.Globalization;
using Loyalty.Members;
using NodaTime;

namespace Loyalty.Cli.Demo;

/// <summary>The demo's people: readable identifiers (<c>member-001</c>), names, and how often each one shops.</summary>
internal static class DemoPopulation
{
    /// <summary>The actor the demo records on everything it does; it also marks a database as the demo's own.</summary>
    public const string Actor = "demo";

    private static readonly string[] FirstNames = ["Ada", "Grace", "Alan", "Katherine", "Edsger", "Barbara", "Donald", "Frances", "John", "Margaret", "Dennis", "Radia", "Ken", "Sophie", "Tim", "Hedy"];
    private static readonly string[] LastNames = ["Lovelace", "Hopper", "Turing", "Johnson", "Dijkstra", "Liskov", "Knuth", "Allen", "Backus", "Hamilton", "Ritchie", "Perlman", "Thompson", "Wilson", "Lee", "Lamarr"];

    /// <summary>The identifier of the person at a position (0-based): <c>member-001</c>, <c>member-002</c>, ….</summary>
    /// <param name="index">The position.</param>
    /// <returns>The identifier.</returns>
    public static MemberId IdOf(int index) => MemberId.Parse(string.Create(CultureInfo.InvariantCulture, $"member-{index + 1:D3}"));

    /// <summary>Creates the people: about one in ten is a guest (a checkout without enrolling) who may enroll later.</summary>
    /// <param name="random">The seeded random source.</param>
    /// <param name="count">How many.</param>
    /// <returns>The shoppers, in identifier order.</returns>
    public static List<Shopper> Create(Random random, int count)
    {
        var shoppers = new List<Shopper>(count);
        for (var i = 0; i < count; i++)
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var profile = new NewMember
            {
                Id = IdOf(i),
                Email = string.Create(CultureInfo.InvariantCulture, $"{first}.{last}.{i + 1}@example.com").ToLowerInvariant(),
                ExternalReference = string.Create(CultureInfo.InvariantCulture, $"user-{10_000 + i}"),
                FirstName = first,
                LastName = last,
                Birthday = new LocalDate(1960 + random.Next(45), 1 + random.Next(12), 1 + random.Next(28)),
                Actor = Actor,
            };

            // Most people shop now and then, a few most days: the square skews the spread towards the occasional.
            var visitsPerDay = 0.01 + (0.14 * Math.Pow(random.NextDouble(), 2));
            var guest = i % 10 == 9;
            shoppers.Add(new Shopper(profile, visitsPerDay, guest ? MemberStatus.Inactive : MemberStatus.Active));
        }

        return shoppers;
    }
}
