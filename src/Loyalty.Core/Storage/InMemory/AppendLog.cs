namespace Loyalty.Storage.InMemory;

/// <summary>
/// An immutable view of an append-only list that shares its backing array with later versions. Only one writer (the
/// holder of the member lock) appends; a version never sees items appended after it, so readers need no lock.
/// </summary>
internal sealed class AppendLog<T>
{
    public static readonly AppendLog<T> Empty = new([], 0);

    private readonly T[] _items;

    private AppendLog(T[] items, int count)
    {
        _items = items;
        Count = count;
    }

    public int Count { get; }

    public T this[int index] => (uint)index < (uint)Count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public AppendLog<T> Append(IReadOnlyList<T> items)
    {
        if (items.Count == 0)
        {
            return this;
        }

        var needed = Count + items.Count;
        var target = _items;
        if (needed > target.Length)
        {
            target = new T[Math.Max(needed, Math.Max(8, target.Length * 2))];
            Array.Copy(_items, target, Count);
        }

        for (var i = 0; i < items.Count; i++)
        {
            target[Count + i] = items[i];
        }

        return new AppendLog<T>(target, needed);
    }

    public AppendLog<T> Append(T item)
    {
        var target = _items;
        if (Count == target.Length)
        {
            target = new T[Math.Max(8, target.Length * 2)];
            Array.Copy(_items, target, Count);
        }

        target[Count] = item;
        return new AppendLog<T>(target, Count + 1);
    }

    public T[] ToArray() => _items.AsSpan(0, Count).ToArray();

    /// <summary>Finds the first index whose key is greater than <paramref name="after"/>, for a log sorted by that key.</summary>
    public int FirstIndexAfter(long after, Func<T, long> key)
    {
        int low = 0, high = Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (key(_items[mid]) <= after)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
