using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Shouldly;
using Xunit;

namespace AttentionGen.Generator.Tests;

/// <summary>The pipeline caches what an edit did not change and regenerates what it did (every other run is checked by <see cref="IncrementalityChecks"/>).</summary>
public class IncrementalityTests
{
    private const string Source = """
        using AttentionGen;
        namespace Models;

        [AttentionKernel(HeadDim = 16, SeqLen = 8, Mask = AttentionMask.Causal)]
        static partial class Kernel { }
        """;

    [Fact]
    public void A_kernel_and_a_layer_run_every_tracked_step_and_a_rerun_caches_them_all()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Source + """

            [MultiHeadAttention(ModelDim = 16, Heads = 2, SeqLen = 4)]
            static partial class Layer { }
            """);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        IncrementalityChecks.TrackingNameValues.ShouldBeSubsetOf(driver.GetRunResult().Results.Single().TrackedSteps.Keys);
        IncrementalityChecks.AssertNoRoslynObjects(driver.GetRunResult());
        GeneratorDriverRunResult rerun = driver.RunGenerators(compilation.Clone()).GetRunResult();
        IncrementalityChecks.TrackingNameValues.ShouldBeSubsetOf(rerun.Results.Single().TrackedSteps.Keys);
        IncrementalityChecks.AssertAllCached(rerun);
    }

    [Fact]
    public void An_unrelated_edit_leaves_every_tracked_step_cached()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        CSharpCompilation edited = compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Models; class Unrelated { int Field; }", (CSharpParseOptions)compilation.SyntaxTrees[0].Options));

        IncrementalityChecks.AssertAllCached(driver.RunGenerators(edited).GetRunResult());
    }

    [Fact]
    public void A_changed_HeadDim_regenerates_the_kernel()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        string before = driver.GetRunResult().GeneratedTrees.Single().ToString();

        SyntaxTree tree = compilation.SyntaxTrees[0];
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(Source.Replace("HeadDim = 16", "HeadDim = 24"))));
        GeneratorDriverRunResult rerun = driver.RunGenerators(edited).GetRunResult();

        rerun.Results.Single().TrackedSteps[TrackingNames.Specs].SelectMany(run => run.Outputs)
            .ShouldContain(output => output.Reason == IncrementalStepRunReason.Modified);
        string after = rerun.GeneratedTrees.Single().ToString();
        after.ShouldNotBe(before);
        after.ShouldContain("public const int HeadDim = 24;");
    }
}
