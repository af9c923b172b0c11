namespace AttentionGen;

/// <summary>The largest shapes a kernel accepts, shared by the analyzer, the generated kernels and the generic path.</summary>
/// <remarks>
/// A kernel keeps one row of scores (<see cref="MaxKeySeqLen"/> elements) on the stack, so the stack budget of a call
/// is <c>MaxKeySeqLen · sizeof(T)</c>: at most 64 KiB for <c>double</c>, 32 KiB for <c>float</c>.
/// This file is compiled into the generator too, so the two always agree on the values.
/// </remarks>
public static class AttentionLimits
{
    /// <summary>Largest <c>HeadDim</c>, <c>ValueDim</c> and <c>KeyDim</c>.</summary>
    public const int MaxWidth = 4096;

    /// <summary>Largest <c>SeqLen</c> (query rows per head).</summary>
    public const int MaxSeqLen = 65536;

    /// <summary>Largest <c>KeySeqLen</c>: the score row lives on the stack.</summary>
    public const int MaxKeySeqLen = 8192;

    /// <summary>Largest <c>Heads</c> and <c>KeyValueHeads</c>.</summary>
    public const int MaxHeads = 1024;

    /// <summary>
    /// Largest <c>KeySeqLen · HiddenDim</c> for the additive score: each key is projected once per call and kept on the
    /// stack, at most 64 KiB of floats (128 KiB of doubles).
    /// </summary>
    public const int MaxProjectedKeys = 16384;

    /// <summary>Largest element count of any one span (query, key, value, output or weights).</summary>
    public const long MaxSpanLength = int.MaxValue;
}
