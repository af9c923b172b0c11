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
    public void Hint_names_are_the_qualified_names_made_unique_even_across_case()
    {
        (GeneratorDriverRunResult run, _) = GeneratorHarness.Generate(Sources.Of("NestedInPartialTypes"));
        run.Results.Single().GeneratedSources.Single().HintName.ShouldMatch(@"^Models\.Outer\+Inner\+Kernel\.[0-9a-f]{8}\.g\.cs$");

        (run, _) = GeneratorHarness.Generate("""
            using AttentionGen;
            namespace N1 { [AttentionKernel(HeadDim = 4, SeqLen = 2)] static partial class K { } }
            namespace n1 { [AttentionKernel(HeadDim = 4, SeqLen = 2)] static partial class K { } }
            """);
        run.Results.Single().Exception.ShouldBeNull();
        string[] names = run.Results.Single().GeneratedSources.Select(s => s.HintName).ToArray();
        names.Length.ShouldBe(2);
        names.Select(n => n.ToUpperInvariant()).Distinct().Count().ShouldBe(2, "file names that differ only in case would collide on Windows and macOS");
    }

    [Fact]
    public void A_kernel_named_by_a_keyword_gets_code_that_compiles()
    {
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Generate("""
            using AttentionGen;
            namespace @class.@event { [AttentionKernel(HeadDim = 4, SeqLen = 2)] static partial class @class { } }
            static class Use { static int Length => @class.@event.@class.QueryLength; }
            """);
        run.Results.Single().Exception.ShouldBeNull();
        run.GeneratedTrees.Length.ShouldBe(1);
        output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ShouldBeEmpty();
    }

    [Fact]
    public void An_attribute_repeated_on_partial_declarations_gives_one_file_and_no_crash()
    {
        (GeneratorDriverRunResult run, _) = GeneratorHarness.Generate("""
            using AttentionGen;
            [AttentionKernel(HeadDim = 4, SeqLen = 2)] static partial class K { }
            [AttentionKernel(HeadDim = 4, SeqLen = 2)] static partial class K { }
            [MultiHeadAttention(ModelDim = 8, Heads = 2, SeqLen = 2)] static partial class L { }
            [MultiHeadAttention(ModelDim = 8, Heads = 2, SeqLen = 2)] static partial class L { }
            """);
        run.Results.Single().Exception.ShouldBeNull();
        run.Diagnostics.ShouldBeEmpty();
        run.GeneratedTrees.Length.ShouldBe(2);
    }

    [Fact]
    public void One_bad_declaration_leaves_the_others_code_in_place()
    {
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Generate("""
            using AttentionGen;
            [AttentionKernel(HeadDim = 8, SeqLen = 4)] [MultiHeadAttention(ModelDim = 8, Heads = 2, SeqLen = 4)] static partial class Both { }
            [AttentionKernel(HeadDim = 8, SeqLen = 4)] file static partial class FileLocal { }
            [AttentionKernel(HeadDim = 8, SeqLen = 4)] static partial class Good { }
            static class Use { static int Length => Good.QueryLength; }
            """);
        run.Results.Single().Exception.ShouldBeNull();
        run.GeneratedTrees.Select(t => System.IO.Path.GetFileName(t.FilePath)).ShouldHaveSingleItem().ShouldStartWith("Good.");
        output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ShouldBeEmpty();
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
