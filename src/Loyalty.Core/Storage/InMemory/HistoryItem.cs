using Loyalty.History;
using Loyalty.Ledger;

namespace Loyalty.Storage.InMemory;

/// <summary>
/// One item of a member's history as the in-memory store holds it: an activity, or a ledger entry kept as it is and
/// presented as an activity only when the history is read (ledger writes far outnumber history reads).
/// </summary>
internal readonly struct HistoryItem
{
    private readonly ActivityEntry? _activity;

    public HistoryItem(ActivityEntry activity) => _activity = activity;

    public HistoryItem(LedgerEntry entry) => Entry = entry;

    /// <summary>Gets the ledger entry, or <see langword="null"/> for a non-ledger activity.</summary>
    public LedgerEntry? Entry { get; }

    public long Sequence => Entry?.Sequence ?? _activity!.Sequence;

    public ActivityEntry ToActivity() => _activity ?? new ActivityEntry
    {
        Sequence = Entry!.Sequence,
        Kind = ActivityKind.Ledger,
        OccurredAt = Entry.OccurredAt,
        Actor = Entry.Actor,
        Reason = Entry.Reason,
        LedgerEntry = Entry,
    };

    /// <summary>Returns this item moved to another member identifier (anonymizing opt-out).</summary>
    public HistoryItem MoveTo(MemberId memberId) => Entry is { } entry
        ? new HistoryItem(entry with { MemberId = memberId })
        : _activity!.LedgerEntry is { } linked ? new HistoryItem(_activity with { LedgerEntry = linked with { MemberId = memberId } }) : this;
}
