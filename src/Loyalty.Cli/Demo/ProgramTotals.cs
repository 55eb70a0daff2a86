using Loyalty.Members;

namespace Loyalty.Cli.Demo;

/// <summary>Totals over every member of a program, read through the engine: members by status and tier, and the points ledger.</summary>
internal sealed class ProgramTotals
{
    private const int PageSize = 500;

    /// <summary>Gets the number of members in each status, in the order of <see cref="MemberStatus"/>.</summary>
    public SortedDictionary<MemberStatus, int> ByStatus { get; } = [];

    /// <summary>Gets the number of members in each tier (those not opted out), in tier order.</summary>
    public Dictionary<string, int> ByTier { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets every member (opted-out ones under their anonymous id), in identifier order.</summary>
    public List<Member> All { get; } = [];

    public int Members => All.Count;

    public long Earned { get; private set; }

    public long Spent { get; private set; }

    public long Expired { get; private set; }

    public long Spendable { get; private set; }

    public long Pending { get; private set; }

    public long Reserved { get; private set; }

    /// <summary>Reads every member of the engine's program, a page at a time.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The totals.</returns>
    public static async Task<ProgramTotals> ReadAsync(ILoyaltyEngine engine, CancellationToken cancellationToken)
    {
        var totals = new ProgramTotals();
        foreach (var level in engine.TierTable.Levels)
        {
            totals.ByTier[level.Name] = 0;
        }

        string? cursor = null;
        do
        {
            var page = await engine.ListMembersAsync(new MemberQuery { Limit = PageSize, Cursor = cursor }, cancellationToken).ConfigureAwait(false);
            foreach (var member in page.Members)
            {
                await totals.AddAsync(engine, member, cancellationToken).ConfigureAwait(false);
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return totals;
    }

    private async Task AddAsync(ILoyaltyEngine engine, Member member, CancellationToken cancellationToken)
    {
        All.Add(member);
        ByStatus[member.Status] = ByStatus.GetValueOrDefault(member.Status) + 1;
        if (member.Tier is { } tier && member.Status != MemberStatus.OptedOut)
        {
            ByTier[tier] = ByTier.GetValueOrDefault(tier) + 1;
        }

        var balance = await engine.GetBalanceAsync(member.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
        Earned += balance.Earned;
        Spent += balance.Spent;
        Expired += balance.Expired;
        Spendable += balance.Spendable;
        Pending += balance.Pending;
        Reserved += balance.Reserved;
    }
}
