using System.Reflection;
using System.Text.RegularExpressions;
using Loyalty.StoreContract;

namespace Loyalty.Core.Tests;

/// <summary>The README's quick start is the Program.cs of tests/Loyalty.QuickStart: same text, and it runs.</summary>
public sealed partial class QuickStartTests
{
    [Fact]
    public void Readme_QuickStartSnippet_IsTheCompiledProgram()
    {
        var readme = File.ReadAllText(ApprovedFile.InRepository("README.md")).ReplaceLineEndings("\n");
        var program = File.ReadAllText(ApprovedFile.InRepository("tests/Loyalty.QuickStart/Program.cs")).ReplaceLineEndings("\n");

        var snippet = QuickStartBlock().Match(readme);

        Assert.True(snippet.Success, "README.md has no ```csharp block after the 'Quick start' heading.");
        Assert.Equal(program.TrimEnd(), snippet.Groups["code"].Value.TrimEnd());
    }

    [Fact]
    public async Task QuickStartProgram_Runs_AndPrintsTheMember()
    {
        var entryPoint = Assembly.Load("Loyalty.QuickStart").EntryPoint!;
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            var result = entryPoint.Invoke(null, [Array.Empty<string>()]);
            if (result is Task task)
            {
                await task;
            }
        }
        finally
        {
            Console.SetOut(original);
        }

        var lines = output.ToString().ReplaceLineEndings("\n").Trim().Split('\n');
        Assert.Matches(@"^Ada is Active \(member [0-9a-f]{32}\)$", lines[0]);
        Assert.Equal("Ada is now Suspended", lines[1]);
    }

    [GeneratedRegex(@"## Quick start.*?```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex QuickStartBlock();
}
