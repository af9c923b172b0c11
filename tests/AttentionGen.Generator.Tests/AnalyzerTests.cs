using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Shouldly;
using Xunit;

namespace AttentionGen.Generator.Tests;

/// <summary>
/// Each diagnostic: its ID, where it is (the span marked <c>[|…|]</c>, as the Roslyn analyzer testing library marks it:
/// what the user must change), a message that names the property and what is allowed, and no generated code.
/// </summary>
public class AnalyzerTests
{
    [Theory]
    [InlineData("ATTN0001", "[AttentionKernel(HeadDim = 8, SeqLen = 4)] partial class [|NotStatic|] { }", "NotStatic", "static partial")]
    [InlineData("ATTN0001", "[AttentionKernel(HeadDim = 8, SeqLen = 4)] static class [|NotPartial|] { }", "NotPartial", "static partial")]
    [InlineData("ATTN0002", "class [|Outer|] { [AttentionKernel(HeadDim = 8, SeqLen = 4)] internal static partial class K { } }", "Outer", "partial")]
    [InlineData("ATTN0003", "partial class [|Outer|]<T> { [AttentionKernel(HeadDim = 8, SeqLen = 4)] internal static partial class K { } }", "Outer", "generic")]
    [InlineData("ATTN0004", "[AttentionKernel([|HeadDim = 0|], SeqLen = 4)] static partial class K { }", "HeadDim = 0", "1 to 4096")]
    [InlineData("ATTN0004", "[[|AttentionKernel(HeadDim = 8)|]] static partial class K { }", "SeqLen = 0", "1 to 65536")]
    [InlineData("ATTN0004", "[AttentionKernel(HeadDim = 8, SeqLen = 4, [|KeySeqLen = 131073|])] static partial class K { }", "KeySeqLen = 131073", "1 to 131072")]
    [InlineData("ATTN0004", "[AttentionKernel(HeadDim = 8, SeqLen = 4, [|Scale = -1|])] static partial class K { }", "Scale = -1", "a finite number > 0")]
    [InlineData("ATTN0004", "[AttentionKernel(HeadDim = 8, SeqLen = 4, [|LeftWindow = -2|])] static partial class K { }", "LeftWindow = -2", "−1 (unbounded, the default)")]
    [InlineData("ATTN0004", "[AttentionKernel(HeadDim = 8, SeqLen = 4, [|AlibiMaxBias = -8|])] static partial class K { }", "AlibiMaxBias = -8", "0 for no ALiBi")]
    [InlineData("ATTN0007", "[AttentionKernel(HeadDim = 8, SeqLen = 4, Score = AttentionScore.Additive, HiddenDim = 4, [|AlibiMaxBias = 8|])] static partial class K { }", "AlibiMaxBias = 8 contradicts Score = Additive", "dot-product or Gaussian")]
    [InlineData("ATTN0004", "[AttentionKernel(HeadDim = 8, SeqLen = 4, [|Softcap = double.NaN|])] static partial class K { }", "Softcap = NaN", "a finite number > 0")]
    [InlineData("ATTN0004", "[AttentionKernel(HeadDim = 8, SeqLen = 4, [|Mask = (AttentionMask)64|])] static partial class K { }", "Mask = 64", "Causal, KeyPadding")]
    [InlineData("ATTN0005", "[AttentionKernel(HeadDim = 8, SeqLen = 4, Heads = 6, [|KeyValueHeads = 4|])] static partial class K { }", "KeyValueHeads = 4", "1, 2, 3, 6")]
    [InlineData("ATTN0006", "[AttentionKernel(HeadDim = 8, SeqLen = 4, [|ElementType = typeof(int)|])] static partial class K { }", "ElementType = int", "typeof(float), typeof(double), typeof(Half)")]
    [InlineData("ATTN0007", "[AttentionKernel(HeadDim = 8, SeqLen = 4, [|HiddenDim = 16|])] static partial class K { }", "HiddenDim = 16", "only with Score = Additive")]
    [InlineData("ATTN0007", "[AttentionKernel(HeadDim = 8, SeqLen = 4, [|KeyDim = 12|])] static partial class K { }", "KeyDim = 12", "KeyDim = HeadDim")]
    [InlineData("ATTN0007", "[AttentionKernel(HeadDim = 8, SeqLen = 4, [|Score = AttentionScore.Additive|])] static partial class K { }", "Score = Additive", "HiddenDim = 1 to 4096")]
    [InlineData("ATTN0004", "[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 131072, [|HiddenDim = 64|], Score = AttentionScore.Additive)] static partial class K { }", "KeySeqLen · HiddenDim = 8388608", "at most 4194304")]
    [InlineData("ATTN0010", "[AttentionKernel(HeadDim = 8, SeqLen = 4)] [MultiHeadAttention(ModelDim = 8, Heads = 2, SeqLen = 4)] static partial class [|K|] { }", "'K' has both", "one of them per class")]
    [InlineData("ATTN0011", "[AttentionKernel(HeadDim = 8, SeqLen = 4)] file static partial class [|K|] { }", "'K' is file-local", "declare it 'internal' instead")]
    [InlineData("ATTN0011", "file partial class Outer { [AttentionKernel(HeadDim = 8, SeqLen = 4)] internal static partial class [|K|] { } }", "'Outer', which contains 'K', is file-local", "'internal'")]
    [InlineData("ATTN0011", "[AttentionKernel(HeadDim = 8, SeqLen = 4)] partial record [|K|] { }", "'K' is a record", "'static partial class'")]
    [InlineData("ATTN0012", "[AttentionKernel(HeadDim = 8, SeqLen = 4)] static partial class K { public const int [|HeadDim|] = 8; }", "'HeadDim' in 'K'", "rename it")]
    [InlineData("ATTN0012", "[AttentionKernel(HeadDim = 8, SeqLen = 4)] static partial class K { public static void [|Compute|](float[] x) { } }", "'Compute' in 'K'", "rename it")]
    [InlineData("ATTN0012", "[AttentionKernel(HeadDim = 8, SeqLen = 4)] static partial class [|Compute|] { }", "'Compute' in 'Compute'", "rename the class")]
    public void An_invalid_declaration_is_reported_and_gets_no_code(string id, string declaration, string names, string allowed)
    {
        (string source, TextSpan expected) = SpanMarkup.Parse("using AttentionGen;\n" + declaration);
        ImmutableArray<Diagnostic> diagnostics = GeneratorHarness.Analyze(source);

        Diagnostic diagnostic = diagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe(id);
        diagnostic.Location.SourceSpan.ShouldBe(expected, source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Error);
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        message.ShouldContain(names);
        message.ShouldContain(allowed);
        GeneratorHarness.Generate(source).Run.GeneratedTrees.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("ATTN0009", "[MultiHeadAttention(ModelDim = 30, [|Heads = 4|], SeqLen = 4)] static partial class L { }", "Heads = 4", "1, 2, 3, 5, 6, 10, 15, 30")]
    [InlineData("ATTN0004", "[[|MultiHeadAttention(ModelDim = 32, SeqLen = 4)|]] static partial class L { }", "Heads = 0", "(required)")]
    [InlineData("ATTN0004", "[MultiHeadAttention(ModelDim = 8, Heads = 2, SeqLen = 4, [|RightWindow = -3|])] static partial class L { }", "RightWindow = -3", "0 or more keys")]
    [InlineData("ATTN0001", "[MultiHeadAttention(ModelDim = 32, Heads = 4, SeqLen = 4)] partial class [|L|] { }", "L", "static partial")]
    [InlineData("ATTN0006", "[MultiHeadAttention(ModelDim = 32, Heads = 4, SeqLen = 4, [|ElementType = typeof(long)|])] static partial class L { }", "ElementType = long", "typeof(Half)")]
    public void An_invalid_layer_is_reported_and_gets_no_code(string id, string declaration, string names, string allowed)
    {
        (string source, TextSpan expected) = SpanMarkup.Parse("using AttentionGen;\n" + declaration);
        Diagnostic diagnostic = GeneratorHarness.AnalyzeLayer(source).ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe(id);
        diagnostic.Location.SourceSpan.ShouldBe(expected, source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        message.ShouldContain(names);
        message.ShouldContain(allowed);
        GeneratorHarness.Generate(source).Run.GeneratedTrees.ShouldBeEmpty();
    }

    [Fact]
    public void A_valid_declaration_gets_no_diagnostic()
        => GeneratorHarness.Analyze("using AttentionGen;\n[AttentionKernel(HeadDim = 8, SeqLen = 4, Heads = 6, KeyValueHeads = 3, Mask = AttentionMask.Causal)] static partial class K { }")
            .ShouldBeEmpty();
}
