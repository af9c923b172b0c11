namespace AttentionGen.Generator.Model;

/// <summary>
/// Which <see cref="KeyStrategy"/> a kernel takes, decided in one place from its shape and options; the thresholds are
/// <see cref="KeyTileShape"/>'s, which the generic path's tiled route reads too.
/// </summary>
internal static class KernelPlan
{
    public static KeyStrategy StrategyOf(KernelSpec spec)
    {
        if (!HasTileableScore(spec) || (spec.HasWindow && spec.MasksPerKey))
        {
            return KeyStrategy.RowAtATime;
        }

        int chunk = spec.KeyChunk;
        if (spec.SeqLen == 1 && spec.Heads / spec.KeyValueHeads >= KeyTileShape.MinFoldedGroup)
        {
            // The group's heads share their keys: read once per group, in chunks whatever their number.
            return chunk >= KeyTileShape.MinChunk && !IsHalfGaussian(spec) ? KeyStrategy.FoldedDecode : KeyStrategy.RowAtATime;
        }

        if (spec.SeqLen * (spec.Heads / spec.KeyValueHeads) < KeyTileShape.MinRowsPerTransposition)
        {
            return KeyStrategy.RowAtATime;
        }

        if (KeyTileShape.Fits(spec.HeadDim, spec.KeySeqLen, spec.ElementSize) && !spec.PrefersChunks)
        {
            return KeyStrategy.Tiled;
        }

        if (chunk < KeyTileShape.MinChunk || spec.SeqLen > KeyTileShape.MaxChunkedRows || IsHalfGaussian(spec))
        {
            return KeyStrategy.RowAtATime;
        }

        // A window that a chunk holds whole, for every block of rows: each block visits one chunk and its softmax is whole.
        return spec.WindowSpan > 0 && spec.WindowSpan <= chunk && !spec.Sinks ? KeyStrategy.SlidingWindow : KeyStrategy.Chunked;
    }

    /// <summary>
    /// What the block loops compute: dot-product scores, or the Gaussian score in its shifted form (a dot product less a
    /// per-key norm), under any mask; Half rows are widened into them.
    /// </summary>
    private static bool HasTileableScore(KernelSpec spec)
        => spec.Score is AttentionScore.ScaledDotProduct or AttentionScore.DotProduct || spec.IsGaussian;

    /// <summary>
    /// The Gaussian score over Half stays off the chunked strategies: their Half weights compute each score again, in the
    /// exact form, which the running maximum a chunk keeps (of the shifted form) would not match.
    /// </summary>
    private static bool IsHalfGaussian(KernelSpec spec) => spec.IsGaussian && spec.Element == ElementKind.Half;
}
