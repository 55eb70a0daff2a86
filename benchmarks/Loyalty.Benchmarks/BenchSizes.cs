namespace Loyalty.Benchmarks;

/// <summary>
/// Data-set sizes. A smoke run (<c>--job Dry</c>, as CI runs it) only proves that every benchmark still works, so it uses
/// small data sets; every other run uses the sizes the targets name. <see cref="Program"/> sets the switch before the
/// benchmark processes start, and they inherit it.
/// </summary>
internal static class BenchSizes
{
    /// <summary>The environment variable that selects the small data sets.</summary>
    public const string SmokeVariable = "LOYALTY_BENCH_SMOKE";

    public static bool IsSmoke => Environment.GetEnvironmentVariable(SmokeVariable) == "1";

    /// <summary>Gets the full size, or the smoke size under a smoke run.</summary>
    public static int Pick(int full, int smoke) => IsSmoke ? smoke : full;
}
