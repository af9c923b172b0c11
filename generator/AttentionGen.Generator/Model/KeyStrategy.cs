namespace AttentionGen.Generator.Model;

/// <summary>How a kernel goes through its keys: decided once per kernel by <see cref="KernelPlan"/>.</summary>
internal enum KeyStrategy
{
    /// <summary>Each query row scored against its keys one key at a time: the scores that tiles cannot compute, and few rows.</summary>
    RowAtATime,

    /// <summary>The keys transposed once per key/value head, blocks of query rows scored against them together.</summary>
    Tiled,

    /// <summary>Too many keys to transpose at once: chunk by chunk, with an online softmax (running maximum and sum).</summary>
    Chunked,

    /// <summary>A one-row decode step: a key/value group's query heads stand in for the rows of a block, on the chunked path.</summary>
    FoldedDecode,

    /// <summary>
    /// A sliding window narrower than a chunk: the rows go in order, each block scored against a chunk of transposed keys
    /// that holds its whole window (transposed afresh when the windows move past it), so each block's softmax is whole.
    /// </summary>
    SlidingWindow,
}
