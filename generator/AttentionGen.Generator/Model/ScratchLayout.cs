using System.Collections.Generic;
using System.Linq;

namespace AttentionGen.Generator.Model;

/// <summary>One buffer of a kernel's working memory: its element type, its name in <c>ComputeCore</c>, and its length.</summary>
/// <param name="Type">The C# element type.</param>
/// <param name="Name">The local's name.</param>
/// <param name="Length">The length as a C# expression over the kernel's constants.</param>
/// <param name="Elements">The length's value.</param>
/// <param name="ElementSize">Bytes per element.</param>
/// <param name="Why">A comment that introduces the buffer (and the ones after it that have none).</param>
internal sealed record ScratchBuffer(string Type, string Name, string Length, long Elements, int ElementSize, string? Why)
{
    /// <summary>Bytes the buffer takes, padded so the next one starts 64-byte aligned.</summary>
    public long Footprint => KernelMemory.Footprint(Elements * ElementSize);
}

/// <summary>
/// The working memory a kernel's <c>ComputeCore</c> takes, buffer by buffer: on the stack when it is small, else from the
/// thread's <c>AttentionWorkspace</c>. Its size is the kernel's <c>ScratchBytes</c>; its place decides <c>StackBytes</c>.
/// </summary>
internal static class ScratchLayout
{
    public static IReadOnlyList<ScratchBuffer> Of(KernelSpec spec)
    {
        var buffers = new List<ScratchBuffer>();
        string t = spec.ComputeName;
        int size = spec.ElementSize;
        void Add(string type, string name, string length, long elements, int elementSize, string? why = null)
            => buffers.Add(new ScratchBuffer(type, name, length, elements, elementSize, why));

        if (spec.UsesBlocks)
        {
            int rowBlock = KeyTileShape.RowBlock;
            Add(t, "keysT", "HeadDim * KeyTileStride", (long)spec.HeadDim * spec.KeyTileStride, size, spec.UsesKeyChunks
                ? "A chunk of the keys, transposed."
                : "The keys, transposed once per key/value head.");
            Add(t, "scores", "RowBlock * KeyTileStride", (long)rowBlock * spec.KeyTileStride, size,
                "The scores of a block of RowBlock query rows, rows as long as the tile's.");
            Add("int", "blockKeyCounts", "RowBlock", rowBlock, 4);
            if (spec.MasksPerKey || spec.HasWindow)
            {
                Add("int", "blockFirstKeys", "RowBlock", rowBlock, 4);
            }

            if (spec.UsesOnlineSoftmax)
            {
                int stateRows = spec.FoldsHeads ? spec.Heads / spec.KeyValueHeads : spec.SeqLen;
                string stateLength = spec.FoldsHeads ? "GroupSize" : "SeqLen";
                Add(t, "runningMax", stateLength, stateRows, size,
                    "The online softmax's state: each row's running maximum and sum of exponentials, and a block's rescaling factors.");
                Add(t, "runningSum", stateLength, stateRows, size);
                Add(t, "blockScales", "RowBlock", rowBlock, size);
                if (spec.MaskPassFindsMaxima)
                {
                    Add(t, "blockMaxima", "RowBlock", rowBlock, size, "The block's row maxima in the chunk, found by its mask pass.");
                }
            }
            else
            {
                Add(t, "blockNormalizers", "RowBlock", rowBlock, size);
                Add(t, "blockMaxima", "RowBlock", rowBlock, size, spec.MaskPassFindsMaxima
                    ? "The block's row maxima, found by its mask pass (and for the log-sum-exp when it is asked for)."
                    : "The block's row maxima, for the log-sum-exp when it is asked for.");
            }
        }
        else
        {
            Add(t, "scores", "KeySeqLen", spec.KeySeqLen, size, "One row of scores.");
        }

        if (spec.ListsAttendedKeys)
        {
            Add("int", "attended", "KeySeqLen", spec.KeySeqLen, 4, "The masks hide keys one by one: the attended keys' indices.");
        }

        if (spec.PacksValues)
        {
            Add(t, "packedValues", $"{(spec.UsesKeyChunks ? "KeyChunk" : "KeySeqLen")} * ValueDim", (long)(spec.UsesKeyChunks ? spec.KeyChunk : spec.KeySeqLen) * spec.ValueDim, size,
                spec.UsesKeyChunks
                    ? "A chunk's value rows, packed on cache-line boundaries for every block's value sums."
                    : "The value rows some row may attend, packed once per key/value head on cache-line boundaries for every block's value sums.");
        }

        if (spec.Element == ElementKind.Half && spec.UsesBlocks)
        {
            int rowBlock = KeyTileShape.RowBlock;
            long valueRows = spec.UsesKeyChunks ? spec.KeyChunk : spec.KeySeqLen;
            Add("float", "widenedQueries", "RowBlock * HeadDim", (long)rowBlock * spec.HeadDim, 4,
                "Half is stored and float computed: a block's query rows, the key rows on their way into the tile, the value rows\n"
                + "some row may attend and the output rows, each widened (or narrowed back) in vectors, a row at a time.");
            Add("float", "keyRows", "WidenedKeyRows * HeadDim", (long)KeyTileShape.WidenedKeyRows * spec.HeadDim, 4);
            Add("float", "widenedValues", $"{(spec.UsesKeyChunks ? "KeyChunk" : "KeySeqLen")} * ValueDim", valueRows * spec.ValueDim, 4);
            long outputRows = !spec.UsesOnlineSoftmax ? rowBlock : spec.FoldsHeads ? spec.Heads / spec.KeyValueHeads : spec.SeqLen;
            string outputLength = !spec.UsesOnlineSoftmax ? "RowBlock" : spec.FoldsHeads ? "GroupSize" : "SeqLen";
            Add("float", "outputRows", $"{outputLength} * ValueDim", outputRows * spec.ValueDim, 4);
            if (spec.UsesOnlineSoftmax)
            {
                Add("float", "queryScratch", "HeadDim", spec.HeadDim, 4, "For the weights: a query row and a key row, widened.");
            }

            Add("float", "keyScratch", "KeyDim", spec.KeyDim, 4, spec.UsesOnlineSoftmax ? null : "For the weights' earlier stages: a key row, widened.");
        }
        else if (spec.Element == ElementKind.Half)
        {
            Add("float", "queryScratch", "HeadDim", spec.HeadDim, 4,
                "Half rows are widened to float one at a time, and output rows narrowed back: scratch rows of floats.");
            Add("float", "keyScratch", "KeyDim", spec.KeyDim, 4);
            Add("float", "valueScratch", "ValueDim", spec.ValueDim, 4);
            Add("float", "outputScratch", "ValueDim", spec.ValueDim, 4);
        }

        if (spec.IsGaussian && spec.UsesBlocks)
        {
            Add(t, "keyHalfNorms", spec.UsesKeyChunks ? "KeyChunk" : "KeySeqLen", spec.UsesKeyChunks ? spec.KeyChunk : spec.KeySeqLen, size,
                "Gaussian: ‖q‖² cancels in the softmax, so a row scores Scale·(q·k − ‖k‖²/2) with no q − k per pair;\n"
                + (spec.UsesKeyChunks
                    ? "each key's Scale·‖k‖²/2 is computed once per chunk, from the transposed keys."
                    : "each key's Scale·‖k‖²/2 is computed once per key/value head, from the transposed keys."));
        }
        else if (spec.IsGaussian)
        {
            Add(t, "keyHalfNorms", "KeySeqLen", spec.KeySeqLen, size,
                "Gaussian: ‖q‖² cancels in the softmax, so a row scores Scale·(q·k − ‖k‖²/2) with no q − k per pair;\n"
                + "each key's Scale·‖k‖²/2 is computed once per head, when a row first attends the key.");
            Add("bool", "hasNorm", "KeySeqLen", spec.KeySeqLen, 1);
        }

        if (spec.IsAdditive)
        {
            Add(t, "projectedQuery", "HiddenDim", spec.HiddenDim, size,
                "The additive score reads projections: W_q q once per query row, W_k k once per key and head, when a row first attends it.");
            Add(t, "projectedKeys", "KeySeqLen * HiddenDim", (long)spec.KeySeqLen * spec.HiddenDim, size);
            Add("bool", "isProjected", "KeySeqLen", spec.KeySeqLen, 1);
            Add(t, "queryProjectionT", "HeadDim * HiddenDim", (long)spec.HeadDim * spec.HiddenDim, size,
                "W_q and W_k transposed once per call, in the compute type: a row projected is a sum of their columns.");
            Add(t, "keyProjectionT", "KeyDim * HiddenDim", (long)spec.KeyDim * spec.HiddenDim, size);
            Add(t, "queryExponentials", "HiddenDim", spec.HiddenDim, size,
                "And their exponentials e^{2x} (unless too large), so that tanh(a + b) = 1 − 2 / (1 + e^{2a}·e^{2b}) needs no tanh per pair;\n"
                + "the keys', transposed, [HiddenDim, KeySeqLen], so a row scores a vector of keys at a time.");
            Add(t, "keyExponentials", "HiddenDim * KeySeqLen", (long)spec.KeySeqLen * spec.HiddenDim, size);
            Add("bool", "keyFits", "KeySeqLen", spec.KeySeqLen, 1);
            if (spec.Element == ElementKind.Half)
            {
                Add("float", "scoreVectorScratch", "HiddenDim", spec.HiddenDim, 4);
            }
        }

        return buffers;
    }

    /// <summary>Bytes of working memory a call takes: every buffer, each padded to a 64-byte boundary.</summary>
    public static long Bytes(KernelSpec spec) => Of(spec).Sum(buffer => buffer.Footprint);
}
