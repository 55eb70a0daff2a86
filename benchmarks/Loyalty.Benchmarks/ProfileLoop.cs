using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Loyalty.Benchmarks;

/// <summary>
/// Runs one benchmark in a plain loop in this process, for a profiler to attach to (for example
/// <c>perf record -g -p PID</c> with <c>DOTNET_PerfMapEnabled=1</c>):
/// <c>profile Class.Method [Param=Value ...] [seconds] [--allocations]</c>. Calls the global setup once, then the
/// iteration setup and the method until the time is up, and prints the mean time per call, what the process allocated
/// per operation and the share of the loop the collector paused it (with <c>--allocations</c>, also the types it
/// allocated most, sampled by <see cref="AllocationSampler"/>).
/// </summary>
internal static class ProfileLoop
{
    public static int Run(string[] args)
    {
        if (args.Length < 1 || args[0].Split('.') is not [var typeName, var methodName])
        {
            Console.Error.WriteLine("usage: profile Class.Method [Param=Value ...] [seconds] [--allocations]");
            return 2;
        }

        var type = typeof(ProfileLoop).Assembly.GetTypes().Single(t => t.Name == typeName);
        var instance = Activator.CreateInstance(type)!;
        var seconds = 20.0;
        var sampleAllocations = false;
        foreach (var arg in args.Skip(1))
        {
            if (arg == "--allocations")
            {
                sampleAllocations = true;
            }
            else if (arg.Split('=', 2) is [var name, var value])
            {
                var property = type.GetProperty(name) ?? throw new ArgumentException($"{typeName} has no parameter {name}.");
                var converted = property.PropertyType.IsEnum ? Enum.Parse(property.PropertyType, value) : Convert.ChangeType(value, property.PropertyType, CultureInfo.InvariantCulture);
                property.SetValue(instance, converted);
            }
            else
            {
                seconds = double.Parse(arg, CultureInfo.InvariantCulture);
            }
        }

        var method = type.GetMethod(methodName) ?? throw new ArgumentException($"{typeName} has no method {methodName}.");
        Invoke(Marked<GlobalSetupAttribute>(type), instance);
        var iterationSetups = Marked<IterationSetupAttribute>(type);
        using var sampler = sampleAllocations ? new AllocationSampler() : null;
        Console.WriteLine($"pid {Environment.ProcessId}: running {typeName}.{methodName} for {seconds} s");
        var calls = 0;
        var measured = TimeSpan.Zero;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var pausedBefore = GC.GetTotalPauseDuration();
        var until = Stopwatch.StartNew();
        while (until.Elapsed.TotalSeconds < seconds)
        {
            Invoke(iterationSetups, instance);
            var started = Stopwatch.GetTimestamp();
            if (method.Invoke(instance, null) is Task task)
            {
                task.GetAwaiter().GetResult();
            }

            measured += Stopwatch.GetElapsedTime(started);
            calls++;
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        var elapsed = until.Elapsed;
        Invoke(Marked<GlobalCleanupAttribute>(type), instance);
        sampler?.Print(top: 25);
        var operations = (double)calls * (method.GetCustomAttribute<BenchmarkAttribute>()?.OperationsPerInvoke ?? 1);
        Console.WriteLine(
            $"{calls} calls, {measured.TotalMilliseconds / calls:F3} ms per call, {measured.TotalMilliseconds * 1000 / operations:F3} us per operation "
            + $"(process CPU {cpu.TotalMilliseconds * 1000 / operations:F3} us and {allocated / operations:F0} B allocated per operation, setups included; "
            + $"the collector paused the process for {100 * paused / elapsed:F1}% of the loop)");
        return 0;
    }

    // Looked up once, so that what the loop allocates between calls is the benchmark's own.
    private static MethodInfo[] Marked<TAttribute>(Type type)
        where TAttribute : Attribute =>
        type.GetMethods().Where(m => m.GetCustomAttribute<TAttribute>() is not null).ToArray();

    private static void Invoke(MethodInfo[] methods, object instance)
    {
        foreach (var method in methods)
        {
            method.Invoke(instance, null);
        }
    }
}
