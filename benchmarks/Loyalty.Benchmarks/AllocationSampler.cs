using System.Diagnostics.Tracing;

namespace Loyalty.Benchmarks;

/// <summary>
/// Samples what this process allocates, by type, from the runtime's own allocation ticks (one event about every 100 KB
/// allocated, naming the type of the object that crossed the mark), for the <see cref="ProfileLoop"/>'s
/// <c>--allocations</c> switch: the types that most of the ticks name are most of the bytes.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, int> _ticks = new(StringComparer.Ordinal);
    private int _total;

    /// <summary>Prints the types named by the most ticks, with their share of all ticks.</summary>
    public void Print(int top)
    {
        lock (_ticks)
        {
            Console.WriteLine($"allocation ticks: {_total}");
            foreach (var (type, count) in _ticks.OrderByDescending(pair => pair.Value).Take(top))
            {
                Console.WriteLine($"{100.0 * count / Math.Max(1, _total),6:F1}%  {type}");
            }
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.PayloadNames is null)
        {
            return;
        }

        var index = eventData.PayloadNames.IndexOf("TypeName");
        var type = index >= 0 ? eventData.Payload?[index] as string ?? "?" : "?";
        lock (_ticks)
        {
            _ticks[type] = _ticks.GetValueOrDefault(type) + 1;
            _total++;
        }
    }
}
