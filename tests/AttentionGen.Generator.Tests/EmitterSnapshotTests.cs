using System.Collections.Immutable;
using System.Linq;
using AttentionGen.Generator.Emit;
using AttentionGen.Generator.Model;
using AttentionGen.Generator.Parsing;
using Xunit;

namespace AttentionGen.Generator.Tests;

/// <summary>
/// The emitter over a matrix of options, without Roslyn: each declaration's defaults resolved by <c>KernelSpec.From</c>, as the
/// generator resolves them, and its text an approved snapshot.
/// </summary>
public class EmitterSnapshotTests
{
    public static TheoryData<string> Cases => new()
    {
        "Tiny16", "OddWidths", "WideRows", "HeadDim1", "GroupedInterleaved", "CausalPadded", "GaussianSoftcapDouble", "DotScaled", "EveryMask", "BooleanPerKey", "HalfMasked", "AdditiveCausal", "AdditiveHalf", "ChunkedCausal",
        "HalfTiled", "HalfDecode", "GaussianTiled", "MaskedChunkedHalf", "MaskedDecode",
        "WindowRows", "WindowMaskedRows", "WindowSliding", "WindowChunked", "WindowDecodeHalf", "SinksRows", "SinksDecode", "AlibiRows", "AlibiDecode", "AlibiTiledHalf",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Emitted_kernel_matches_its_snapshot(string name)
        => KernelEmitter.Emit(Spec(name)).ShouldMatchSnapshot(name);

    private static KernelSpec Spec(string name) => name switch
    {
        "Tiny16" => Make(name, 16, 16),
        "OddWidths" => Make(name, 17, 7, keySeqLen: 33, valueDim: 65),
        "WideRows" => Make(name, 256, 2, keySeqLen: 17, valueDim: 260),
        "HeadDim1" => Make(name, 1, 1),
        "GroupedInterleaved" => Make(name, 16, 6, heads: 6, kvHeads: 2, layout: AttentionLayout.Interleaved),
        "CausalPadded" => Make(name, 64, 1, keySeqLen: 2048, heads: 32, kvHeads: 8, mask: AttentionMask.Causal | AttentionMask.KeyPadding),
        "GaussianSoftcapDouble" => Make(name, 3, 5, score: AttentionScore.Gaussian, scale: 2, softcap: 4, element: ElementKind.Double),
        "DotScaled" => Make(name, 8, 4, score: AttentionScore.DotProduct, scale: 0.05, mask: AttentionMask.Causal),
        "EveryMask" => Make(name, 8, 4, keySeqLen: 11, valueDim: 5, heads: 4, kvHeads: 2, softcap: 3, layout: AttentionLayout.Interleaved,
            mask: AttentionMask.Causal | AttentionMask.KeyPadding | AttentionMask.Boolean | AttentionMask.Additive),
        "BooleanPerKey" => Make(name, 32, 3, keySeqLen: 7, mask: AttentionMask.Boolean),
        "HalfMasked" => Make(name, 20, 3, keySeqLen: 5, mask: AttentionMask.Additive | AttentionMask.Causal, softcap: 2, element: ElementKind.Half),
        "AdditiveCausal" => Make(name, 6, 3, keySeqLen: 5, score: AttentionScore.Additive, hiddenDim: 20, keyDim: 9, mask: AttentionMask.Causal),
        "AdditiveHalf" => Make(name, 4, 2, score: AttentionScore.Additive, hiddenDim: 8, element: ElementKind.Half, mask: AttentionMask.Boolean),
        "ChunkedCausal" => Make(name, 128, 9, keySeqLen: 700, softcap: 5, mask: AttentionMask.Causal),
        "HalfTiled" => Make(name, 24, 18, keySeqLen: 37, valueDim: 20, heads: 4, kvHeads: 2, softcap: 3, layout: AttentionLayout.Interleaved,
            mask: AttentionMask.Causal | AttentionMask.KeyPadding, element: ElementKind.Half),
        "GaussianTiled" => Make(name, 20, 10, keySeqLen: 30, heads: 4, kvHeads: 2, score: AttentionScore.Gaussian, scale: 0.3, mask: AttentionMask.Causal),
        "HalfDecode" => Make(name, 64, 1, keySeqLen: 300, heads: 8, kvHeads: 2, mask: AttentionMask.Causal | AttentionMask.KeyPadding, element: ElementKind.Half),
        "MaskedChunkedHalf" => Make(name, 128, 10, keySeqLen: 700, valueDim: 24, mask: AttentionMask.Boolean | AttentionMask.Additive | AttentionMask.Causal,
            element: ElementKind.Half),
        "MaskedDecode" => Make(name, 64, 1, keySeqLen: 300, heads: 8, kvHeads: 2, mask: AttentionMask.Boolean | AttentionMask.Additive),
        "WindowRows" => Make(name, 8, 5, keySeqLen: 9, heads: 2, leftWindow: 2, rightWindow: 1),
        "WindowMaskedRows" => Make(name, 6, 3, keySeqLen: 7, mask: AttentionMask.Causal | AttentionMask.KeyPadding | AttentionMask.Additive, softcap: 2,
            element: ElementKind.Half, leftWindow: 3),
        "WindowSliding" => Make(name, 32, 20, keySeqLen: 90, mask: AttentionMask.Causal | AttentionMask.KeyPadding, leftWindow: 7, rightWindow: 2),
        "WindowChunked" => Make(name, 128, 20, keySeqLen: 1500, mask: AttentionMask.Causal, leftWindow: 700),
        "WindowDecodeHalf" => Make(name, 64, 1, keySeqLen: 600, heads: 8, kvHeads: 2, mask: AttentionMask.Causal, element: ElementKind.Half, leftWindow: 127),
        "SinksRows" => Make(name, 8, 3, keySeqLen: 6, heads: 2, mask: AttentionMask.Boolean, layout: AttentionLayout.Interleaved, sinks: true),
        "SinksDecode" => Make(name, 64, 1, keySeqLen: 4096, heads: 64, kvHeads: 8, mask: AttentionMask.Causal, leftWindow: 127, sinks: true),
        "AlibiRows" => Make(name, 8, 5, keySeqLen: 9, heads: 3, mask: AttentionMask.KeyPadding, leftWindow: 2, alibiMaxBias: 8),
        "AlibiDecode" => Make(name, 64, 1, keySeqLen: 400, heads: 12, kvHeads: 3, mask: AttentionMask.Causal, alibiMaxBias: 8),
        "AlibiTiledHalf" => Make(name, 32, 16, heads: 2, mask: AttentionMask.Causal, softcap: 20, element: ElementKind.Half, alibiMaxBias: 4),
        _ => throw new System.ArgumentOutOfRangeException(nameof(name)),
    };

    private static KernelSpec Make(
        string name, int headDim, int seqLen, int keySeqLen = 0, int valueDim = 0, int heads = 1, int kvHeads = 0,
        AttentionScore score = AttentionScore.ScaledDotProduct, double scale = 0, double softcap = 0,
        AttentionMask mask = AttentionMask.None, AttentionLayout layout = AttentionLayout.HeadMajor, ElementKind element = ElementKind.Single,
        int hiddenDim = 0, int keyDim = 0, int leftWindow = -1, int rightWindow = -1, bool sinks = false, double alibiMaxBias = 0)
        => KernelSpec.From(new KernelDeclaration(
            new TypeHost("Snapshots.Kernels", new EquatableArray<ContainingType>(ImmutableArray<ContainingType>.Empty), name,
                $"Snapshots.Kernels.{name}.g.cs", IsStaticPartial: true, null, null, null, null, HasBothAttributes: false),
            headDim, seqLen, keySeqLen, valueDim, heads, kvHeads, (int)score, scale, softcap, (int)mask, (int)layout, hiddenDim, keyDim,
            leftWindow, rightWindow, sinks, alibiMaxBias, element, element.ToString()));

    /// <summary>The generated files read like hand-written code: short lines, and <c>global::</c> only in the user's part.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Emitted_kernel_keeps_lines_short_and_qualifies_only_the_user_facing_part(string name)
    {
        string[] lines = KernelEmitter.Emit(Spec(name)).Split('\n');
        int implementation = System.Array.FindIndex(lines, line => line.StartsWith($"namespace {KernelEmitter.ImplementationNamespace}", System.StringComparison.Ordinal));
        Assert.True(implementation > 0, "the implementation namespace follows the user's part");
        Assert.All(lines, line => Assert.True(line.Length <= CodeWriter.MaxLineLength, $"{line.Length} characters: {line.Trim()}"));
        Assert.DoesNotContain(lines.Skip(implementation), line => line.Contains("global::", System.StringComparison.Ordinal));
    }
}
