namespace Loyalty.StoreContract;

/// <summary>
/// Approval testing with files kept next to the tests: the output must equal the <c>*.approved.*</c> file; on a
/// difference the output is written beside it as <c>*.received.*</c> to review and, if right, copy over.
/// </summary>
public static class ApprovedFile
{
    public static void AssertMatches(string actual, string approvedPath)
    {
        ArgumentNullException.ThrowIfNull(actual);
        var receivedPath = approvedPath.Replace(".approved.", ".received.", StringComparison.Ordinal);
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : null;
        if (!string.Equals(approved, actual.ReplaceLineEndings("\n"), StringComparison.Ordinal))
        {
            File.WriteAllText(receivedPath, actual);
            Assert.Fail($"The output differs from {Path.GetFileName(approvedPath)}. Review {receivedPath} and copy it over {approvedPath} to approve.");
        }

        File.Delete(receivedPath);
    }

    /// <summary>
    /// A path inside the repository, found by walking up from the test binaries to the solution file. (Compile-time
    /// source paths cannot be used: deterministic CI builds map them to <c>/_/</c>.)
    /// </summary>
    /// <param name="relativePath">The path from the repository root, with <c>/</c> separators.</param>
    public static string InRepository(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Loyalty.Core.sln")))
            {
                return Path.Combine(directory.FullName, relativePath.Replace('/', Path.DirectorySeparatorChar));
            }
        }

        throw new InvalidOperationException($"No Loyalty.Core.sln above {AppContext.BaseDirectory}: tests must run from a build inside the repository.");
    }
}
