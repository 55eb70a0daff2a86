namespace Loyalty.Cli;

/// <summary>Who the tool records as the actor of the changes it makes, in each member's history.</summary>
internal static class CliActor
{
    /// <summary>The actor name.</summary>
    public const string Name = "cli";
}
