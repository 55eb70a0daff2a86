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

    /// <summary>The directory of the calling source file.</summary>
    public static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
