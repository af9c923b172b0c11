using System;
using System.IO;

namespace AttentionGen.Tests.Support;

/// <summary>
/// Where the conformance cases are: the repository's own copy under <c>tests/data/conformance/</c>, and its source,
/// <c>../shared/conformance/</c> beside the repository, when that is present.
/// </summary>
public static class ConformanceData
{
    /// <summary>The repository's copy of one set of cases, e.g. <c>onnx-attention</c>.</summary>
    public static string Folder(string set) => Path.Combine(RepositoryRoot, "tests", "data", "conformance", set);

    /// <summary>The shared source of the copies; it may be absent (a plain clone).</summary>
    public static string SharedFolder => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "conformance"));

    /// <summary>The repository's copy of every set.</summary>
    public static string CopiedFolder => Path.Combine(RepositoryRoot, "tests", "data", "conformance");

    private static string RepositoryRoot
    {
        get
        {
            for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AttentionGen.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException("No AttentionGen.sln above " + AppContext.BaseDirectory + ": the tests run from the repository.");
        }
    }
}
