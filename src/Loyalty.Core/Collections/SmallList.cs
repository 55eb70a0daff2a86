namespace Loyalty.Collections;

/// <summary>
/// A list for the per-write collections of the engine (entries, events, activities): it holds its first item inline and
/// allocates only for a second, since most writes add one of each or none. A mutable struct: keep it in a field and never
/// copy it.
/// </summary>
internal struct SmallList<T>
    where T : class
{
    private T? _first;
    private List<T>? _rest;

    public readonly int Count => _first is null ? 0 : 1 + (_rest?.Count ?? 0);

    public T this[int index]
    {
        readonly get => index == 0 && _first is not null ? _first : _rest![index - 1];
        set
        {
            if (index == 0 && _first is not null)
            {
                _first = value;
            }
            else
            {
                _rest![index - 1] = value;
            }
        }
    }

    public void Add(T item)
    {
        if (_first is null)
        {
            _first = item;
        }
        else
        {
            (_rest ??= []).Add(item);
        }
    }

    public void RemoveLast()
    {
        if (_rest is { Count: > 0 })
        {
            _rest.RemoveAt(_rest.Count - 1);
        }
        else
        {
            _first = null;
        }
    }

    /// <summary>Copies the items into an array, starting at <paramref name="at"/>.</summary>
    public readonly void CopyTo(T[] target, int at)
    {
        if (_first is not null)
        {
            target[at] = _first;
            _rest?.CopyTo(target, at + 1);
        }
    }

    /// <summary>Returns the items as a new array of their exact count (the empty array when there are none).</summary>
    public readonly T[] ToArray()
    {
        if (_first is null)
        {
            return [];
        }

        var items = new T[Count];
        CopyTo(items, 0);
        return items;
    }
}
