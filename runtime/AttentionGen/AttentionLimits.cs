namespace AttentionGen;

/// <summary>The largest shapes a kernel accepts, shared by the analyzer, the generated kernels and the generic path.</summary>
/// <remarks>
/// None of them bounds the stack: a kernel's working memory beyond 16 KiB lives in the thread's
/// <see cref="AttentionWorkspace"/>, so every kernel uses at most 32 KiB of stack whatever its shape.
/// This file is compiled into the generator too, so the two always agree on the values.
/// </remarks>
public static class AttentionLimits
{
    /// <summary>Largest <c>HeadDim</c>, <c>ValueDim</c> and <c>KeyDim</c>.</summary>
    public const int MaxWidth = 4096;

    /// <summary>Largest <c>SeqLen</c> (query rows per head).</summary>
    public const int MaxSeqLen = 65536;

    /// <summary>Largest <c>KeySeqLen</c>: a decode step over a 128K-token cache.</summary>
    public const int MaxKeySeqLen = 131072;

    /// <summary>Largest <c>Heads</c> and <c>KeyValueHeads</c>.</summary>
    public const int MaxHeads = 1024;

    /// <summary>
    /// Largest <c>KeySeqLen · HiddenDim</c> for the additive score: each key is projected once per call and kept in the
    /// thread's workspace for the call, at most 16 MiB of floats (32 MiB of doubles).
    /// </summary>
    public const int MaxProjectedKeys = 1 << 22;

    /// <summary>Largest element count of any one span (query, key, value, output or weights).</summary>
    public const long MaxSpanLength = int.MaxValue;
}
