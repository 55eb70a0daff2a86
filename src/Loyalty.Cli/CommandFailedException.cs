namespace Loyalty.Cli;

/// <summary>A failure the tool explains in one line (a missing file, an unusable option): printed without a stack trace, exit code 1.</summary>
internal sealed class CommandFailedException : Exception
{
    public CommandFailedException()
    {
    }

    public CommandFailedException(string message)
        : base(message)
    {
    }

    public CommandFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
