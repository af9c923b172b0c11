using System.Linq;
using Microsoft.CodeAnalysis;
using Shouldly;
using Xunit;

namespace AttentionGen.Generator.Tests;

/// <summary>Source text through the real driver: the generated files are approved snapshots and compile without a warning.</summary>
public class EndToEndTests
{
    public static TheoryData<string> Cases => new() { "GlobalNamespace", "FileScopedNamespace", "NestedInPartialTypes", "TwoKernels", "CausalLayer" };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_code_matches_its_snapshot_and_compiles_cleanly(string name)
    {
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Generate(Sources.Of(name));

        run.Diagnostics.ShouldBeEmpty();
        output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ShouldBeEmpty();
        string generated = string.Join("\n// ---- next file ----\n", run.GeneratedTrees
            .OrderBy(tree => tree.FilePath, System.StringComparer.Ordinal)
            .Select(tree => $"// {System.IO.Path.GetFileName(tree.FilePath)}\n{tree.GetText()}"));
        generated.ShouldMatchSnapshot(name);
    }

    [Fact]
    public void Hint_names_are_the_fully_qualified_metadata_names()
    {
        (GeneratorDriverRunResult run, _) = GeneratorHarness.Generate(Sources.Of("NestedInPartialTypes"));
        run.Results.Single().GeneratedSources.Select(s => s.HintName).ShouldBe(new[] { "Models.Outer+Inner+Kernel.g.cs" });
    }

    private static class Sources
    {
        public static string Of(string name) => name switch
        {
            "GlobalNamespace" => """
                using AttentionGen;

                [AttentionKernel(HeadDim = 8, SeqLen = 4)]
                static partial class GlobalKernel { }
                """,
            "FileScopedNamespace" => """
                using AttentionGen;
                namespace Models;

                [AttentionKernel(HeadDim = 20, SeqLen = 3, KeySeqLen = 9, Mask = AttentionMask.Causal | AttentionMask.KeyPadding)]
                public static partial class Decoder { }
                """,
            "NestedInPartialTypes" => """
                using AttentionGen;
                namespace Models
                {
                    public partial class Outer
                    {
                        internal partial record struct Inner
                        {
                            [AttentionKernel(HeadDim = 4, SeqLen = 2, ElementType = typeof(double))]
                            internal static partial class Kernel { }
                        }
                    }
                }
                """,
            "TwoKernels" => """
                using AttentionGen;
                namespace Models;

                [AttentionKernel(HeadDim = 4, SeqLen = 2, Score = AttentionScore.Gaussian)]
                static partial class First { }

                [AttentionKernel(HeadDim = 4, SeqLen = 2, Heads = 2, Layout = AttentionLayout.Interleaved)]
                static partial class Second { }
                """,
            "CausalLayer" => """
                using AttentionGen;
                namespace Models;

                [MultiHeadAttention(ModelDim = 16, Heads = 2, SeqLen = 3, Mask = AttentionMask.Causal)]
                public static partial class DecoderLayer { }
                """,
            _ => throw new System.ArgumentOutOfRangeException(nameof(name)),
        };
    }
}
