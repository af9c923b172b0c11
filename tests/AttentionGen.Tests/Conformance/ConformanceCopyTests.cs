using System.IO;
using System.Linq;
using AttentionGen.Tests.Support;
using Shouldly;
using Xunit;

namespace AttentionGen.Tests.Conformance;

/// <summary>The repository's copies of the conformance cases are byte-identical to their source in <c>../shared</c>.</summary>
public class ConformanceCopyTests
{
    [Fact]
    public void Every_copied_file_equals_its_source_when_the_source_is_present()
    {
        string[] copies = Directory.EnumerateFiles(ConformanceData.CopiedFolder, "*", SearchOption.AllDirectories).ToArray();
        copies.Length.ShouldBeGreaterThan(76 + 13, "the ONNX and PyTorch cases with their READMEs and licence");
        if (!Directory.Exists(ConformanceData.SharedFolder))
        {
            return; // a plain clone: nothing to compare against, and the copies are what the tests run
        }

        foreach (string copy in copies)
        {
            string source = Path.Combine(ConformanceData.SharedFolder, Path.GetRelativePath(ConformanceData.CopiedFolder, copy));
            File.Exists(source).ShouldBeTrue($"{source} is gone from ../shared but its copy is still here");
            File.ReadAllBytes(copy).ShouldBe(File.ReadAllBytes(source), $"{copy} has drifted from {source}");
        }
    }
}
