namespace AttentionGen;

/// <summary>
/// How the tiled kernels lay out transposed keys on the stack: the budget, the padded stride and the chunk of keys.
/// This file is compiled into the generator too, so generated kernels and the generic path choose alike.
/// </summary>
internal static class KeyTileShape
{
    /// <summary>Query rows scored together against the transposed keys, so each key load serves them all.</summary>
    public const int RowBlock = 4;

    /// <summary>Query rows (times query heads sharing a key/value head) that must share a transposition to pay for it.</summary>
    public const int MinRowsPerTransposition = 8;

    /// <summary>Fewest keys a chunk holds; with fewer, the transposition costs more than it saves.</summary>
    public const int MinChunk = 64;

    /// <summary>Most query rows the chunked path keeps a running maximum and sum for.</summary>
    public const int MaxChunkedRows = 8192;

    /// <summary>Fewest query heads per key/value head for a one-row decode step to score them as one block of rows.</summary>
    public const int MinFoldedGroup = 4;

    /// <summary>Half key rows widened to float per batch on their way into a tile: one 64-byte line of float columns.</summary>
    public const int WidenedKeyRows = 16;

    /// <summary>Keys in a 64-byte vector of floats: where a masked block's scores start, a multiple of every width's lanes.</summary>
    public const int VectorKeys = 16;

    /// <summary>
    /// Bytes the transposed keys may take in a kernel's working memory: all keys of a head within it are transposed once,
    /// more go in chunks. 1024 keys of 64 fit, so their probabilities are known before any is written (chunked, each weights
    /// row took one more pass); with the packed value rows, well inside a 1–2 MB second-level cache.
    /// </summary>
    public const int Budget = 320 * 1024;

    /// <summary>
    /// Elements from one column of transposed keys to the next: the tile's keys rounded up to a cache line and one line
    /// more, so the columns a loop walks do not all fall into the same few cache sets (as a power-of-two stride would).
    /// </summary>
    public static int Stride(int keys, int elementSize) => (keys * elementSize + 63) / 64 * 64 / elementSize + 64 / elementSize;

    /// <summary>Whether all <paramref name="keys"/> keys, transposed, fit the budget.</summary>
    public static bool Fits(int width, int keys, int elementSize) => (long)width * Stride(keys, elementSize) * elementSize <= Budget;

    /// <summary>
    /// Keys per chunk when the keys go in chunks: as few chunks as the budget allows (each at most the most keys, in
    /// multiples of <see cref="MinChunk"/>, whose transposition fits), the keys shared evenly among them in multiples of
    /// <see cref="MinChunk"/>, so no chunk is left nearly empty. 0 when not even <see cref="MinChunk"/> keys fit.
    /// </summary>
    public static int Chunk(int width, int keySeqLen, int elementSize)
    {
        int most = 0;
        while (most < keySeqLen && Fits(width, most + MinChunk, elementSize))
        {
            most += MinChunk;
        }

        if (most == 0)
        {
            return 0;
        }

        int chunks = (keySeqLen + most - 1) / most;
        return ((keySeqLen + chunks - 1) / chunks + MinChunk - 1) / MinChunk * MinChunk;
    }
}
