using System.Text.Json;
using Loyalty.History;

namespace Loyalty.Engine;

internal sealed partial class LoyaltyEngine
{
    private const int ExportPageSize = 500;

    public async ValueTask<HistoryPage> GetHistoryAsync(MemberId memberId, HistoryQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new HistoryQuery();
        if (query.Limit is < 1 or > 500)
        {
            throw Errors.Validation("limit", $"must be between 1 and 500 (was {query.Limit})");
        }

        var after = query.Cursor is null ? 0 : Cursor.DecodeHistory(query.Cursor);
        _ = await GetMemberAsync(memberId, cancellationToken).ConfigureAwait(false);
        var rows = await _store.ListHistoryAsync(_settings.ProgramId, memberId, after, query.Limit + 1, query.LedgerOnly, cancellationToken).ConfigureAwait(false);
        if (rows.Count <= query.Limit)
        {
            return new HistoryPage(rows, null);
        }

        var page = rows.Take(query.Limit).ToArray();
        return new HistoryPage(page, Cursor.EncodeHistory(page[^1].Sequence));
    }

    /// <summary>Enumerates a member's whole history page by page, oldest first.</summary>
    private async IAsyncEnumerable<Loyalty.History.ActivityEntry> AllActivitiesAsync(MemberId memberId, bool ledgerOnly, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long after = 0;
        while (true)
        {
            var page = await _store.ListHistoryAsync(_settings.ProgramId, memberId, after, ExportPageSize, ledgerOnly, cancellationToken).ConfigureAwait(false);
            foreach (var entry in page)
            {
                after = entry.Sequence;
                yield return entry;
            }

            if (page.Count < ExportPageSize)
            {
                yield break;
            }
        }
    }

    public async Task ExportMemberDataAsync(MemberId memberId, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var member = await GetMemberAsync(memberId, cancellationToken).ConfigureAwait(false);
        var balances = await _store.GetBalancesAsync(_settings.ProgramId, memberId, cancellationToken).ConfigureAwait(false);
        var lots = await _store.ListOpenLotsAsync(_settings.ProgramId, memberId, cancellationToken).ConfigureAwait(false);
        var holds = await _store.ListOpenHoldsAsync(_settings.ProgramId, memberId, cancellationToken).ConfigureAwait(false);

        var writer = new Utf8JsonWriter(destination, new JsonWriterOptions { Indented = true });
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            writer.WriteString("program_id", _settings.ProgramId.Value);
            writer.WriteString("exported_at", JsonDocuments.Format(_clock.GetCurrentInstant()));
            writer.WritePropertyName("member");
            JsonDocuments.WriteMember(writer, member, EngagementStageOf(member));
            writer.WriteStartArray("balances");
            foreach (var balance in balances)
            {
                JsonDocuments.WriteBalance(writer, balance.Account, balance.Balance);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("open_lots");
            foreach (var lot in lots.OrderBy(l => l.EarnedAt))
            {
                JsonDocuments.WriteLot(writer, lot);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("open_holds");
            foreach (var hold in holds)
            {
                JsonDocuments.WriteEntry(writer, hold);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("history");
            var written = 0;
            await foreach (var entry in AllActivitiesAsync(memberId, false, cancellationToken).ConfigureAwait(false))
            {
                JsonDocuments.WriteActivity(writer, entry);
                if (++written % ExportPageSize == 0)
                {
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private Lifecycle.EngagementStage EngagementStageOf(Members.Member member) =>
        Lifecycle.EngagementClassifier.Classify(member, _clock.GetCurrentInstant(), _settings.Engagement);
}
