using System.Globalization;
using Loyalty.History;
using Loyalty.Ledger;
using Loyalty.Members;
using Loyalty.Storage;
using Loyalty.Tiers;
using Spectre.Console;

namespace Loyalty.Cli.Output;

/// <summary>Everything <c>members show</c> prints about one member, read through the engine.</summary>
/// <param name="Member">The profile and status.</param>
/// <param name="Balances">The balance of each point account.</param>
/// <param name="Tier">The tier view, when the program has tiers.</param>
/// <param name="Expiring">The expiring-points view of the default account.</param>
/// <param name="History">The latest history entries, oldest first.</param>
/// <param name="HistoryCount">How many history entries the member has in all.</param>
internal sealed record MemberView(Member Member, IReadOnlyList<AccountBalance> Balances, TierStatus? Tier, ExpiringPoints Expiring, IReadOnlyList<ActivityEntry> History, int HistoryCount)
{
    private const int HistoryPageSize = 500;

    public static async Task<MemberView> LoadAsync(ILoyaltyEngine engine, MemberId id, int historyCount, CancellationToken cancellationToken)
    {
        var member = await engine.GetMemberAsync(id, cancellationToken).ConfigureAwait(false);
        var balances = await engine.GetBalancesAsync(id, cancellationToken).ConfigureAwait(false);
        var tier = engine.TierTable.IsEmpty ? null : await engine.GetTierAsync(id, cancellationToken).ConfigureAwait(false);
        var expiring = await engine.GetExpiringPointsAsync(id, cancellationToken: cancellationToken).ConfigureAwait(false);

        // History pages run oldest first: keep a window of the latest entries while paging through.
        var latest = new Queue<ActivityEntry>();
        var total = 0;
        string? cursor = null;
        do
        {
            var page = await engine.GetHistoryAsync(id, new HistoryQuery { Limit = HistoryPageSize, Cursor = cursor }, cancellationToken).ConfigureAwait(false);
            foreach (var entry in page.Entries)
            {
                total++;
                latest.Enqueue(entry);
                if (latest.Count > historyCount)
                {
                    latest.Dequeue();
                }
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return new MemberView(member, balances, tier, expiring, latest.ToArray(), total);
    }

    public void Render(IAnsiConsole console)
    {
        console.Write(ProfileTable());
        console.Write(BalanceTable());
        if (Tier is not null)
        {
            console.Write(TierTable(Tier));
        }

        console.Write(ExpiringTable());
        console.Write(HistoryTable());
    }

    private Table ProfileTable()
    {
        var table = Tables.Create("Member", Member.Id.Value);
        table.AddRow("Status", Member.Status.ToString());
        table.AddRow("Email", Formats.Text(Member.Email));
        table.AddRow("External reference", Formats.Text(Member.ExternalReference));
        table.AddRow("Name", Formats.Text(string.Join(' ', new[] { Member.FirstName, Member.LastName }.Where(n => n is not null))));
        table.AddRow("Birthday", Formats.Date(Member.Birthday));
        table.AddRow("Metadata", Formats.Text(Member.Metadata.EnumerateObject().Any() ? Member.Metadata.GetRawText() : null));
        table.AddRow("Created", Formats.Time(Member.CreatedAt));
        table.AddRow("Enrolled", Formats.Time(Member.EnrolledAt));
        table.AddRow("Last activity", Formats.Time(Member.LastActivityAt));
        return table;
    }

    private Table BalanceTable()
    {
        var table = Tables.Create(["Balance", .. Balances.Select(b => b.Account.Value)]);
        for (var i = 1; i < table.Columns.Count; i++)
        {
            table.Columns[i].RightAligned();
        }

        AddBalanceRow(table, "Spendable", b => b.Spendable);
        AddBalanceRow(table, "Earned (lifetime)", b => b.Earned);
        AddBalanceRow(table, "Held", b => b.Pending);
        AddBalanceRow(table, "Reserved", b => b.Reserved);
        AddBalanceRow(table, "Spent", b => b.Spent);
        AddBalanceRow(table, "Expired", b => b.Expired);
        AddBalanceRow(table, "Deducted", b => b.Deducted);
        return table;
    }

    private void AddBalanceRow(Table table, string name, Func<PointsBalance, long> value) =>
        table.AddRow([name, .. Balances.Select(b => Formats.Points(value(b.Balance)))]);

    private static Table TierTable(TierStatus tier)
    {
        var table = Tables.Create("Tier", tier.Tier.Name);
        table.AddRow("Since", Formats.Time(tier.Since));
        table.AddRow("Review date", Formats.Date(tier.ReviewDate));
        table.AddRow("Lifetime points", Formats.Points(tier.Metric));
        table.AddRow("Next tier", tier.NextTier is { } next ? $"{Markup.Escape(next.Name)}, {Formats.Points(tier.PointsToNextTier ?? 0)} points to go" : "-");
        table.AddRow("To keep this tier", tier.PointsToKeepTier is { } keep ? $"{Formats.Points(keep)} points by the review" : "-");
        table.AddRow("Pinned", Formats.Text(tier.PinnedTier));
        table.AddRow("Benefits", Formats.Text(string.Join(", ", tier.Benefits)));
        return table;
    }

    private Table ExpiringTable()
    {
        var table = Tables.KeyValue("Expiring points", "Points");
        table.AddRow("Next expiry", Expiring.NextExpiryDate is { } next ? $"{Formats.Points(Expiring.NextExpiryPoints)} on {Formats.Date(next)}" : "-");
        table.AddRow("Today", Formats.Points(Expiring.ExpiringToday));
        table.AddRow("This month", Formats.Points(Expiring.ExpiringThisMonth));
        table.AddRow("Next month", Formats.Points(Expiring.ExpiringNextMonth));
        table.AddRow("This year", Formats.Points(Expiring.ExpiringThisYear));
        table.AddRow("Already expired", Formats.Points(Expiring.History.Sum(h => h.Points)));
        return table;
    }

    private Table HistoryTable()
    {
        var table = Tables.Create("#", "When", "What", "Points", "Detail")
            .Title($"Latest {History.Count} of {HistoryCount} history entries");
        table.Columns[0].RightAligned();
        table.Columns[3].RightAligned();
        foreach (var entry in History)
        {
            table.AddRow(
                entry.Sequence.ToString(CultureInfo.InvariantCulture),
                Formats.Time(entry.OccurredAt),
                (entry.LedgerEntry?.Kind.ToString() ?? entry.Kind.ToString()),
                entry.LedgerEntry is { } ledger ? Formats.Points(ledger.Points) : string.Empty,
                Formats.Text(Detail(entry)));
        }

        return table;
    }

    private static string? Detail(ActivityEntry entry) => entry.Kind switch
    {
        ActivityKind.StatusChanged => $"{entry.FromStatus} to {entry.ToStatus}{(entry.Reason is null ? string.Empty : $": {entry.Reason}")}",
        ActivityKind.Created => $"created as {entry.ToStatus} by {entry.Actor}",
        ActivityKind.ProfileUpdated => $"changed {string.Join(", ", entry.ChangedFields)}",
        ActivityKind.TierChanged or ActivityKind.TierPinned => $"{entry.FromTier ?? "-"} to {entry.ToTier ?? "-"}{(entry.Reason is null ? string.Empty : $": {entry.Reason}")}",
        _ => entry.Reason,
    };
}
