namespace Loyalty.Cli.Tests;

/// <summary>What one in-process run of the tool did: its exit code and what it wrote (line endings as \n).</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- output\n{Output}\n--- error\n{Error}";
}
