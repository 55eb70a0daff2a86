namespace Loyalty.Cli;

/// <summary>The exit codes of the <c>loyalty</c> tool.</summary>
internal static class ExitCodes
{
    /// <summary>The command did everything it was asked.</summary>
    public const int Success = 0;

    /// <summary>The command failed: bad input, an engine refusal or a store error. Nothing was changed by the failing step.</summary>
    public const int Failure = 1;

    /// <summary>The command finished, but some rows were rejected (an import with bad rows).</summary>
    public const int PartialSuccess = 2;
}
