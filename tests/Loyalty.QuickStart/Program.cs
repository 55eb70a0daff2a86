using Loyalty;
using Loyalty.Lifecycle;
using Loyalty.Members;
using Microsoft.Extensions.DependencyInjection;

var services = new ServiceCollection();
services.AddLoyalty(options =>
{
    options.ProgramId = "coffee-club";
    options.TimeZoneId = "Europe/London";
}).UseInMemory();

await using var provider = services.BuildServiceProvider();
var loyalty = provider.GetRequiredService<ILoyaltyEngine>();

var ada = await loyalty.EnrollAsync(new NewMember
{
    Email = "ada@example.com",
    ExternalReference = "user-1815",
    FirstName = "Ada",
});

var found = await loyalty.FindMemberByEmailAsync("ADA@example.com");
Console.WriteLine($"{found?.FirstName} is {found?.Status} (member {ada.Id})");

await loyalty.ChangeStatusAsync(ada.Id, new StatusChange(MemberStatus.Suspended) { Reason = "chargeback review" });
var again = await loyalty.FindMemberByExternalReferenceAsync("user-1815");
Console.WriteLine($"{again?.FirstName} is now {again?.Status}");
