using System;
using System.Globalization;
using System.Linq;
using AttentionGen.Generator.Parsing;

namespace AttentionGen.Generator.Model;

/// <summary>
/// A valid kernel declaration with every default resolved: the emitter's only input. Plain values only, so equal
/// declarations give equal specs and the incremental pipeline can skip regeneration.
/// </summary>
internal sealed record KernelSpec(
    string? Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string ClassName,
    string HintName,
    int HeadDim,
    int SeqLen,
    int KeySeqLen,
    int ValueDim,
    int Heads,
    int KeyValueHeads,
    AttentionScore Score,
    double Scale,
    double Softcap,
    AttentionMask Mask,
    AttentionLayout Layout,
    ElementKind Element,
    int HiddenDim,
    int KeyDim,
    int LeftWindow,
    int RightWindow,
    bool Sinks,
    double AlibiMaxBias)
{
    /// <summary>Resolves the defaults of a declaration that passed <c>KernelValidator</c>.</summary>
    public static KernelSpec From(KernelDeclaration d)
    {
        int heads = d.Heads == 0 ? 1 : d.Heads;
        var score = (AttentionScore)d.Score;
        double scale = d.Scale != 0 ? d.Scale : score == AttentionScore.ScaledDotProduct ? 1.0 / Math.Sqrt(d.HeadDim) : 1.0;
        return new KernelSpec(
            d.Host.Namespace,
            d.Host.ContainingTypes,
            d.Host.ClassName,
            d.Host.HintName,
            d.HeadDim,
            d.SeqLen,
            d.KeySeqLen == 0 ? d.SeqLen : d.KeySeqLen,
            d.ValueDim == 0 ? d.HeadDim : d.ValueDim,
            heads,
            d.KeyValueHeads == 0 ? heads : d.KeyValueHeads,
            score,
            scale,
            d.Softcap,
            (AttentionMask)d.Mask,
            (AttentionLayout)d.Layout,
            d.Element,
            d.HiddenDim,
            d.KeyDim == 0 ? d.HeadDim : d.KeyDim,
            d.LeftWindow,
            d.RightWindow,
            d.Sinks,
            d.AlibiMaxBias);
    }

    /// <summary>The C# name of the element type the spans hold, as the implementation (which imports System) writes it.</summary>
    public string ElementName => Element switch
    {
        ElementKind.Double => "double",
        ElementKind.Half => "Half",
        _ => "float",
    };

    /// <summary>The element type as the user's part of the file writes it: fully qualified.</summary>
    public string QualifiedElementName => Element == ElementKind.Half ? "global::System.Half" : ElementName;

    /// <summary>The file-local class that holds the implementation: the class's name (without a keyword's <c>@</c>) + "Kernel".</summary>
    public string ImplementationName => ClassName.TrimStart('@') + "Kernel";

    /// <summary>The C# keyword of the type the kernel computes in: Half is computed in float.</summary>
    public string ComputeName => Element == ElementKind.Double ? "double" : "float";

    /// <summary>The static class of the compute type's math: <c>MathF</c> or <c>Math</c>.</summary>
    public string MathName => Element == ElementKind.Double ? "Math" : "MathF";

    /// <summary>Bytes per element of the compute type.</summary>
    public int ElementSize => Element == ElementKind.Double ? 8 : 4;

    public bool IsCausal => (Mask & AttentionMask.Causal) != 0;

    public bool HasKeyPadding => (Mask & AttentionMask.KeyPadding) != 0;

    public bool IsAdditive => Score == AttentionScore.Additive;

    public bool HasBooleanMask => (Mask & AttentionMask.Boolean) != 0;

    public bool HasBias => (Mask & AttentionMask.Additive) != 0;

    /// <summary>Masks that hide keys one by one (Boolean, additive), not only a suffix of them.</summary>
    public bool MasksPerKey => HasBooleanMask || HasBias;

    /// <summary>
    /// Whether a row's attended keys are listed by index: row at a time under per-key masks. The block strategies keep
    /// every key's place instead, a hidden key's probability 0 (the runtime's <c>BlockMask</c>).
    /// </summary>
    public bool ListsAttendedKeys => MasksPerKey && !UsesBlocks;

    /// <summary>
    /// Whether a block's mask pass, which writes every masked score, hands the softmax each row's maximum too, sparing it a
    /// pass: per-key masks on the block strategies, but not under a window, which hides keys after that pass.
    /// </summary>
    public bool MaskPassFindsMaxima => MasksPerKey && UsesBlocks && !HasWindow;

    /// <summary>Whether a sliding window bounds either side of a row's keys.</summary>
    public bool HasWindow => LeftWindow >= 0 || RightWindow >= 0;

    public bool HasLeftWindow => LeftWindow >= 0;

    public bool HasRightWindow => RightWindow >= 0;

    /// <summary>
    /// Whether the kernel takes the chunked loops even when every key fits one tile: they skip the keys a block's windows
    /// hide, and their running maximum and sum start from the sink's logit.
    /// </summary>
    public bool PrefersChunks => HasWindow || Sinks;

    /// <summary>Whether the kernel places its query rows at positions <c>row + causalOffset</c>: a causal mask, a window or ALiBi.</summary>
    public bool TakesPositions => IsCausal || HasWindow || HasAlibi;

    /// <summary>Whether ALiBi's distance bias joins the scores.</summary>
    public bool HasAlibi => AlibiMaxBias > 0;

    /// <summary>ALiBi's slope of each query head, fixed at generation time.</summary>
    public double[] AlibiSlopes() => Enumerable.Range(0, Heads).Select(h => AlibiSlope.Of(Heads, AlibiMaxBias, h)).ToArray();

    /// <summary>Masks that hide a suffix of the keys, so a row attends a prefix of them.</summary>
    public bool MasksPrefix => IsCausal || HasKeyPadding;

    /// <summary>Whether a row may attend fewer than all the keys by their place: a prefix mask or a window (<c>keyCount</c>, <c>firstKey</c>).</summary>
    public bool BoundsKeys => MasksPrefix || HasWindow;

    public bool IsGrouped => KeyValueHeads != Heads;

    public bool IsInterleaved => Layout == AttentionLayout.Interleaved;

    /// <summary>What the raw score (dot product or squared distance) is multiplied by.</summary>
    public double ScoreFactor => Score == AttentionScore.Gaussian ? -0.5 * Scale : Scale;

    /// <summary>How the kernel goes through its keys.</summary>
    public KeyStrategy Strategy => KernelPlan.StrategyOf(this);

    /// <summary>Whether the kernel scores blocks of rows against transposed keys: every strategy but the row at a time.</summary>
    public bool UsesBlocks => Strategy != KeyStrategy.RowAtATime;

    /// <summary>Whether the keys go in chunks with an online softmax (chunked, or a folded decode step).</summary>
    public bool UsesKeyChunks => Strategy is KeyStrategy.Chunked or KeyStrategy.FoldedDecode or KeyStrategy.SlidingWindow;

    /// <summary>Whether a row's softmax is carried across chunks (running maximum and sum): the chunked strategies but the sliding window's.</summary>
    public bool UsesOnlineSoftmax => Strategy is KeyStrategy.Chunked or KeyStrategy.FoldedDecode;

    /// <summary>
    /// The most keys one block of rows' windows span, a whole vector's start included; −1 when a side is unbounded.
    /// </summary>
    public int WindowSpan => HasLeftWindow && (IsCausal || HasRightWindow)
        ? LeftWindow + (IsCausal ? 0 : RightWindow) + KeyTileShape.RowBlock + KeyTileShape.VectorKeys
        : -1;

    /// <summary>
    /// Whether the tiled and chunked strategies pack a head's (or a chunk's) value rows before its blocks, into working
    /// memory that starts on a cache line: the caller's arrays start wherever the allocator put them (a row of vectors
    /// would straddle lines on every load), interleaved rows lie a whole token apart, and the packed rows stay in cache
    /// for every block. Half rows are packed as they are widened; a decode step reads its values once, so packing them
    /// would only read them twice.
    /// </summary>
    public bool PacksValues => (Strategy is KeyStrategy.Tiled or KeyStrategy.Chunked) && Element != ElementKind.Half;

    /// <summary>Whether a block's rows are a key/value group's query heads rather than rows of one head.</summary>
    public bool FoldsHeads => Strategy == KeyStrategy.FoldedDecode;

    /// <summary>Keys per chunk on the chunked path (<see cref="KeyTileShape.Chunk"/>).</summary>
    public int KeyChunk => KeyTileShape.Chunk(HeadDim, KeySeqLen, ElementSize);

    /// <summary>Elements from one column of the transposed keys to the next, for a tile of all the keys or of a chunk.</summary>
    public int KeyTileStride => KeyTileShape.Stride(UsesKeyChunks ? KeyChunk : KeySeqLen, ElementSize);

    /// <summary>
    /// Whether the Gaussian score uses its shifted form <c>Scale·(q·k − ‖k‖²/2)</c>, which differs from the score by
    /// <c>Scale·‖q‖²/2</c> per row: a constant the softmax cancels, unless a softcap (not linear) comes in between.
    /// </summary>
    public bool IsGaussian => Score == AttentionScore.Gaussian && Softcap == 0;

    /// <summary>The Gaussian score's shifted form is used while <c>Scale·‖x‖²</c> stays below this (<see cref="GaussianShift"/>).</summary>
    public double GaussianExactLimit => GaussianShift.ExactLimit(HeadDim, Element == ElementKind.Double);

    /// <summary>A literal of the element type that reads back to exactly <paramref name="value"/> rounded to that type.</summary>
    public string Literal(double value) => Element == ElementKind.Double
        ? value.ToString("R", CultureInfo.InvariantCulture) + "d"
        : ((float)value).ToString("R", CultureInfo.InvariantCulture) + "f";
}
