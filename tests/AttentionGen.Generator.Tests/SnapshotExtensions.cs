using Shouldly;

namespace AttentionGen.Generator.Tests;

/// <summary>Approval snapshots of generated C#, stored as <c>Snapshots/&lt;class&gt;.&lt;test&gt;.&lt;case&gt;.approved.cs</c>.</summary>
internal static class SnapshotExtensions
{
    public static void ShouldMatchSnapshot(this string generated, string caseName)
        => GeneratorHarness.Scrub(generated).ShouldMatchApproved(options => options
            .SubFolder("Snapshots")
            .WithDiscriminator(caseName)
            .WithFileExtension("cs")
            .LocateTestMethodUsingAttribute<Xunit.FactAttribute>());
}
