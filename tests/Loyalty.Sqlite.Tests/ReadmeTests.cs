using System.Text.RegularExpressions;
using Loyalty.Storage.Sqlite;
using Loyalty.Storage;
using Loyalty.StoreContract;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Sqlite.Tests;

/// <summary>The README's store snippet is the code between the markers below: same text, and it compiles and registers.</summary>
public sealed partial class ReadmeTests
{
    [Fact]
    public void Readme_StoresSnippet_IsThisCompiledCode()
    {
        var services = new ServiceCollection();
        // README stores snippet: begin
        services.AddLoyalty(options => options.ProgramId = "coffee-club")
            .UseSqlite("Data Source=loyalty.db", sqlite => sqlite.Synchronous = SqliteSynchronousMode.Normal); // package Loyalty.Sqlite
        // README stores snippet: end
        using var provider = services.BuildServiceProvider();
        var store = Assert.IsType<SqliteLoyaltyStore>(provider.GetRequiredService<ILoyaltyStore>());
        Assert.Equal("loyalty.db", store.DatabasePath);

        var source = File.ReadAllText(ApprovedFile.InRepository("tests/Loyalty.Sqlite.Tests/ReadmeTests.cs")).ReplaceLineEndings("\n");
        var code = Marked().Match(source).Groups["code"].Value;
        var dedented = string.Join('\n', code.TrimEnd().Split('\n').Select(line => line.Length >= 8 ? line[8..] : line.TrimStart()));
        var readme = File.ReadAllText(ApprovedFile.InRepository("README.md")).ReplaceLineEndings("\n");
        var snippet = StoresBlock().Match(readme);
        Assert.True(snippet.Success, "README.md has no ```csharp block after the 'Stores' heading.");
        Assert.Equal(dedented, snippet.Groups["code"].Value.TrimEnd());
    }

    [GeneratedRegex(@"// README stores snippet: begin\n(?<code>.*?)\s*// README stores snippet: end", RegexOptions.Singleline)]
    private static partial Regex Marked();

    [GeneratedRegex(@"## Stores.*?```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex StoresBlock();
}
