namespace Loyalty.Storage.InMemory;

/// <summary>A member's place in the in-memory store: the write lock and the latest committed state.</summary>
internal sealed class MemberSlot
{
    private volatile MemberState? _state;

    public SemaphoreSlim Lock { get; } = new(1, 1);

    /// <summary>Gets or sets the committed state; <see langword="null"/> when no member has this identifier.</summary>
    public MemberState? State
    {
        get => _state;
        set => _state = value;
    }
}
