using System.Threading.Tasks;
using AttentionGen.CodeFixes;
using AttentionGen.Generator.Diagnostics;
using Xunit;

namespace AttentionGen.Generator.Tests;

/// <summary>Each code fix on the diagnostics it repairs: what it offers, what it writes, and that the result is clean.</summary>
public class CodeFixTests
{
    private const string Usings = "using AttentionGen;\n";

    [Fact]
    public Task A_kernel_class_is_made_static_partial()
        => CodeFixVerifier<AttentionKernelAnalyzer, DeclarationModifiersCodeFix>.VerifyAsync(
            Usings + "[AttentionKernel(HeadDim = 8, SeqLen = 4)]\npublic sealed class {|ATTN0001:K|} { }\n",
            Usings + "[AttentionKernel(HeadDim = 8, SeqLen = 4)]\npublic static partial class K { }\n");

    [Fact]
    public Task A_class_with_no_modifier_keeps_its_leading_trivia()
        => CodeFixVerifier<AttentionKernelAnalyzer, DeclarationModifiersCodeFix>.VerifyAsync(
            Usings + "/// <summary>The kernel.</summary>\n[AttentionKernel(HeadDim = 8, SeqLen = 4)]\nclass {|ATTN0001:K|} { }\n",
            Usings + "/// <summary>The kernel.</summary>\n[AttentionKernel(HeadDim = 8, SeqLen = 4)]\nstatic partial class K { }\n");

    [Fact]
    public Task A_layer_class_is_made_static_partial()
        => CodeFixVerifier<MultiHeadAttentionAnalyzer, DeclarationModifiersCodeFix>.VerifyAsync(
            Usings + "[MultiHeadAttention(ModelDim = 32, Heads = 4, SeqLen = 4)]\ninternal partial class {|ATTN0001:L|} { }\n",
            Usings + "[MultiHeadAttention(ModelDim = 32, Heads = 4, SeqLen = 4)]\ninternal static partial class L { }\n");

    [Fact]
    public Task A_containing_struct_is_made_partial()
        => CodeFixVerifier<AttentionKernelAnalyzer, DeclarationModifiersCodeFix>.VerifyAsync(
            Usings + "public partial class Outer { internal struct {|ATTN0002:Middle|} { [AttentionKernel(HeadDim = 8, SeqLen = 4)] internal static partial class K { } } }\n",
            Usings + "public partial class Outer { internal partial struct Middle { [AttentionKernel(HeadDim = 8, SeqLen = 4)] internal static partial class K { } } }\n");

    [Theory]
    [InlineData(0, 4)]
    [InlineData(1, 6)]
    public Task KeyValueHeads_is_set_to_a_divisor_of_Heads(int action, int expected)
        => CodeFixVerifier<AttentionKernelAnalyzer, ReplacementValueCodeFix>.VerifyAsync(
            Usings + "[AttentionKernel(HeadDim = 8, SeqLen = 4, Heads = 12, {|ATTN0005:KeyValueHeads = 5|})] static partial class K { }\n",
            Usings + $"[AttentionKernel(HeadDim = 8, SeqLen = 4, Heads = 12, KeyValueHeads = {expected})] static partial class K {{ }}\n",
            action);

    [Fact]
    public Task Heads_above_every_divisor_is_set_to_the_largest()
        => CodeFixVerifier<MultiHeadAttentionAnalyzer, ReplacementValueCodeFix>.VerifyAsync(
            Usings + "[MultiHeadAttention(ModelDim = 30, {|ATTN0009:Heads = 4|}, SeqLen = 4)] static partial class L { }\n",
            Usings + "[MultiHeadAttention(ModelDim = 30, Heads = 3, SeqLen = 4)] static partial class L { }\n");

    private const string Kernel = "[AttentionKernel(HeadDim = 4, SeqLen = 2, Mask = AttentionMask.Causal | AttentionMask.KeyPadding)] static partial class K { }\n";

    private const string Call = """
        static class Caller
        {
            static void Run(float[] q, float[] k, float[] v, float[] o, int validKeys, int causalOffset, int n)
            {
                CALL;
            }
        }

        """;

    private static string WithCall(string call) => Usings + Kernel + Call.Replace("CALL", call, System.StringComparison.Ordinal);

    [Fact]
    public Task Numbers_passed_by_position_to_a_generated_kernel_are_named()
        => CodeFixVerifier<PositionalArgumentAnalyzer, NameArgumentsCodeFix>.VerifyAsync(
            WithCall("K.Compute(q, k, v, {|ATTN0013:n, 3|}, o)"),
            WithCall("K.Compute(q, k, v, validKeys: n, causalOffset: 3, o)"));

    [Fact]
    public Task Numbers_passed_by_position_to_the_generic_path_are_named()
        => CodeFixVerifier<PositionalArgumentAnalyzer, NameArgumentsCodeFix>.VerifyAsync(
            WithCall("Attention.Compute<float>(K.Descriptor, q, k, v, o, default, {|ATTN0013:1, 3|})"),
            WithCall("Attention.Compute<float>(K.Descriptor, q, k, v, o, default, causalOffset: 1, validKeys: 3)"));

    [Fact]
    public Task Spans_passed_as_one_another_are_named()
        => CodeFixVerifier<PositionalArgumentAnalyzer, NameArgumentsCodeFix>.VerifyAsync(
            Usings + Kernel + "static class Caller { static void Run(float[] query, float[] key, float[] value, float[] output) => K.Compute({|ATTN0013:query, value, key|}, validKeys: 4, causalOffset: 0, output); }\n",
            Usings + Kernel + "static class Caller { static void Run(float[] query, float[] key, float[] value, float[] output) => K.Compute(query: query, key: value, value: key, validKeys: 4, causalOffset: 0, output); }\n");

    [Theory]
    [InlineData("K.Compute(q, k, v, validKeys, causalOffset, o)")]
    [InlineData("K.Compute(q, k, v, validKeys: n, causalOffset: 3, o)")]
    [InlineData("K.Compute(q, k, v, causalOffset: 3, validKeys: n, output: o)")]
    public Task Calls_with_names_that_show_a_swap_get_no_warning(string call)
        => CodeFixVerifier<PositionalArgumentAnalyzer, NameArgumentsCodeFix>.VerifyAsync(WithCall(call), WithCall(call));
}
