using System.Collections.Generic;
using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Emit;

/// <summary>
/// <see cref="KeyStrategy.Tiled"/>: a head's keys transposed once, then blocks of <c>RowBlock</c> query rows scored
/// together against them (<c>ScoreRows</c>), their softmax taken together, and their value sums made together
/// (<c>AccumulateValueBlock</c>). Shares the block steps below with the chunked strategy.
/// </summary>
internal static partial class KernelEmitter
{
    /// <summary>The tile geometry, from <see cref="KeyTileShape"/>, which the generic path's tiled route reads too.</summary>
    private static void WriteBlockConstants(CodeWriter w, KernelSpec spec)
    {
        w.Line("// Query rows scored together against the transposed keys, so each key load serves them all.");
        w.Line($"private const int RowBlock = {KeyTileShape.RowBlock};");
        if (spec.UsesKeyChunks)
        {
            w.Line(spec.FoldsHeads
                ? "// Keys transposed and attended at a time, as many as fit the budget."
                : "// Keys transposed and attended at a time: all of them would not fit the budget.");
            w.Line($"private const int KeyChunk = {spec.KeyChunk};");
        }

        w.Line($"// Elements between columns of the transposed keys: {(spec.UsesKeyChunks ? "KeyChunk" : "KeySeqLen")} padded past a cache line, "
            + "so columns do not share cache sets.");
        w.Line($"private const int KeyTileStride = {spec.KeyTileStride};");
        w.Line(spec.FoldsHeads
            ? "// A block's rows are a key/value group's query heads (one query row each): they are a head apart."
            : "// A block's rows are consecutive query rows of one head.");
        w.Line($"private const int QueryBlockStride = {(spec.FoldsHeads ? "QueryHeadStride" : "QueryRowStride")};");
        w.Line($"private const int OutputBlockStride = {(spec.FoldsHeads ? "OutputHeadStride" : "OutputRowStride")};");
        if (IsHalf(spec))
        {
            w.Line("// Half key rows widened per batch on their way into the tile: one 64-byte line of float columns.");
            w.Line($"private const int WidenedKeyRows = {KeyTileShape.WidenedKeyRows};");
        }
        w.Line("// The block microkernels, compiled for this shape.");
        w.Line("private static readonly BlockShape Blocks = new();");
    }

    /// <summary>One head of the tiled strategy.</summary>
    private static void WriteTiledHead(CodeWriter w, KernelSpec spec, string limit)
    {
        string headKeyCount = spec.IsCausal ? $"SoftmaxRow.CausalKeyCount(SeqLen - 1, causalOffset, {limit})" : limit;
        using (spec.IsGrouped ? w.Block($"if ({NewKeyValueHead})") : default(CodeWriter.Scope?))
        {
            string newHead = spec.IsGrouped ? "A new key/value head: t" : "T";
            if (IsHalf(spec))
            {
                w.Line($"// {newHead}he keys some row may attend, widened and transposed, and their value rows widened (the rest are never read).");
                w.Line($"int headKeyCount = {headKeyCount};");
                w.Line("KeyTiles.Transpose(ref headKeys, KeyRowStride, headKeyCount, HeadDim, keysT, KeyTileStride, keyRows);");
                w.Line("HalfConversion.WidenRows(ref headValues, ValueRowStride, headKeyCount, ValueDim, widenedValues);");
            }
            else
            {
                w.Line($"// {newHead}ranspose the keys that some row may attend and pack their value rows (the rest are never read).");
                if (spec.IsGaussian || spec.PacksValues)
                {
                    w.Line($"int headKeyCount = {headKeyCount};");
                    headKeyCount = "headKeyCount";
                }

                w.Line($"KeyTiles.Transpose(ref headKeys, KeyRowStride, {headKeyCount}, HeadDim, keysT, KeyTileStride);");
                if (spec.PacksValues)
                {
                    w.Line("KeyTiles.PackRows(ref headValues, ValueRowStride, headKeyCount, ValueDim, packedValues);");
                }
            }

            if (spec.IsGaussian)
            {
                w.Line("largestKeyNorm = KeyTiles.HalfSquaredNorms<" + spec.ComputeName + ">(keysT, KeyTileStride, HeadDim, headKeyCount, AffinityFactor, keyHalfNorms);");
            }
        }

        w.Line();
        using (w.Block("for (int rowBlock = 0; rowBlock < SeqLen; rowBlock += RowBlock)"))
        {
            w.Line("int rows = Math.Min(RowBlock, SeqLen - rowBlock);");
            w.Line(spec.IsCausal
                ? "// Each row's attended keys: causal and padding masks keep a prefix, 0 … keyCount − 1; the rest are never read."
                : spec.HasKeyPadding ? "// Each row attends keys 0 … validKeys − 1; the rest are never read." : "// Each row attends every key.");
            using (w.Block("for (int r = 0; r < rows; r++)"))
            {
                w.Line(spec.IsCausal
                    ? $"blockKeyCounts[r] = SoftmaxRow.CausalKeyCount(rowBlock + r, causalOffset, {limit});"
                    : $"blockKeyCounts[r] = {limit};");
            }

            WriteBlockMask(w, spec, keyAt: null);
            w.Line();
            WriteBlockScores(w, spec, "head * QueryHeadStride + rowBlock * QueryRowStride", keyAt: null);
            w.Line("// Softmax, stable, of the block's rows together; normalising is folded into the value sums.");
            w.Line(spec.MaskPassFindsMaxima
                ? "SoftmaxBlock.ExponentiateFromMaxima(ref blockScores, KeyTileStride, rows, blockKeyCounts, blockMaxima, blockNormalizers);"
                : "SoftmaxBlock.Exponentiate(ref blockScores, KeyTileStride, rows, blockKeyCounts, blockNormalizers, logSumExp.IsEmpty ? default : blockMaxima);");
            w.Line();
            WriteWholeBlockEnd(w, spec, IsHalf(spec) ? "GetReference(widenedValues)" : spec.PacksValues ? "GetReference(packedValues)" : "headValues", keyOrigin: null);
        }
    }

    /// <summary>
    /// The end of a block whose softmax is whole (tiled, sliding window): its value sums, its Half outputs narrowed, its
    /// log-sum-exp and its weights rows.
    /// </summary>
    /// <param name="values">The value row of score column 0.</param>
    /// <param name="keyOrigin">The key of score column 0 when the block's rows each attend a range from it (a window), or null for key 0.</param>
    private static void WriteWholeBlockEnd(CodeWriter w, KernelSpec spec, string values, string? keyOrigin)
    {
        WriteBlockValues(w, spec, chunk: false, "head * OutputHeadStride + rowBlock * OutputRowStride", values);
        if (IsHalf(spec))
        {
            w.Line("ref Half storedOutputs = ref Add(ref outputs, head * OutputHeadStride + rowBlock * OutputRowStride);");
            w.Line("HalfConversion.NarrowRows(outputRows, rows, ValueDim, ref storedOutputs, OutputBlockStride);");
        }

        WriteBlockLogSumExp(w, spec);
        w.Line();
        using (w.Block("if (!weights.IsEmpty)"))
        using (w.Block("for (int r = 0; r < rows; r++)"))
        {
            w.Line("int row = rowBlock + r;");
            w.Line($"Span<{spec.ElementName}> weightsRow = weights.Slice((head * SeqLen + row) * KeySeqLen, KeySeqLen);");
            w.Line(IsHalf(spec)
                ? "ref float queryRow = ref Add(ref blockQueries, r * HeadDim);"
                : $"ref {spec.ComputeName} queryRow = ref Add(ref queries, head * QueryHeadStride + row * QueryRowStride);");
            var given = new Dictionary<string, string> { ["normalizer"] = "blockNormalizers[r]" };
            if (keyOrigin is null)
            {
                w.Line("ReadOnlySpan<" + spec.ComputeName + "> probabilities = scores.Slice(r * KeyTileStride, blockKeyCounts[r]);");
                given["keyCount"] = "blockKeyCounts[r]";
            }
            else
            {
                w.Line($"int firstKey = {keyOrigin} + blockFirstKeys[r], keyCount = {keyOrigin} + blockKeyCounts[r];");
                w.Line($"ReadOnlySpan<{spec.ComputeName}> probabilities = scores.Slice(r * KeyTileStride + blockFirstKeys[r], keyCount - firstKey);");
            }

            AddAlibiArguments(given, spec, "head", "row + causalOffset");
            AddMaskRows(given, spec, "row");
            w.Line($"WriteWeights({string.Join(", ", WeightsParameters(spec).ArgumentsWith(given))});");
        }
    }

    /// <summary>A block's log-sum-exp, from its maxima and normalizers, when it is asked for.</summary>
    private static void WriteBlockLogSumExp(CodeWriter w, KernelSpec spec)
    {
        w.Line();
        using (w.Block("if (!logSumExp.IsEmpty)"))
        using (w.Block("for (int r = 0; r < rows; r++)"))
        {
            w.Line($"{spec.ComputeName} sum = blockNormalizers[r] == {spec.Literal(0)} ? {spec.Literal(0)} : {spec.Literal(1)} / blockNormalizers[r];");
            w.Line($"logSumExp[{LogSumExpIndex(spec, "head", "rowBlock + r")}] = SoftmaxRow.LogSumExp(blockMaxima[r], sum);");
        }
    }

    /// <summary>A block's scores against the transposed keys (as many keys as its last row attends), then the softcap row by row.</summary>
    /// <param name="keyAt">The block's first key (a chunk's start), or null for key 0.</param>
    private static void WriteBlockScores(CodeWriter w, KernelSpec spec, string queryAt, string? keyAt)
    {
        w.Line(spec.MasksPerKey || spec.HasWindow
            ? "// Scores: the block's rows against the transposed keys, from the first key some row attends to the last."
            : "// Scores: the block's rows against the transposed keys, as many keys as the block's last row attends.");
        if (IsHalf(spec))
        {
            w.Line($"ref Half storedQueries = ref Add(ref queries, {queryAt});");
            w.Line("HalfConversion.WidenRows(ref storedQueries, QueryBlockStride, rows, HeadDim, widenedQueries);");
            w.Line("ref float blockQueries = ref GetReference(widenedQueries);");
        }
        else
        {
            w.Line($"ref {spec.ComputeName} blockQueries = ref Add(ref queries, {queryAt});");
        }

        w.Line($"ref {spec.ComputeName} blockScores = ref GetReference(scores);");
        if (spec.IsGaussian)
        {
            WriteGaussianBlockScores(w, spec, keyAt);
        }
        else
        {
            w.Line(ScoreRowsCall(spec));
        }

        if (spec.Softcap > 0)
        {
            using (w.Block("for (int r = 0; r < rows; r++)"))
            {
                w.Line("VectorMath.Softcap(scores.Slice(r * KeyTileStride, blockKeyCounts[r]), Softcap);");
            }
        }

        if (spec.HasAlibi)
        {
            string position = spec.FoldsHeads ? "causalOffset" : "rowBlock + r + causalOffset";
            w.Line("// ALiBi: −slope · |p − j| for each row's position p and each key j it scored.");
            using (w.Block("for (int r = 0; r < rows; r++)"))
            {
                w.Line($"AlibiBias.Add(scores.Slice(r * KeyTileStride, blockKeyCounts[r]), Slopes[{(spec.FoldsHeads ? "head + r" : "head")}], {position}, {keyAt ?? "0"});");
            }
        }

        if (spec.MasksPerKey)
        {
            w.Line(spec.MaskPassFindsMaxima
                ? "attended = blockMask.Apply(rows, scores, KeyTileStride, blockKeyCounts, attended, blockMaxima);"
                : "attended = blockMask.Apply(rows, scores, KeyTileStride, blockKeyCounts, attended, default);");
        }

        if (spec.HasWindow)
        {
            w.Line("// Keys before a row's window (scored with the rest of the block's) become −∞ for it, whatever they hold.");
            w.Line("KeyWindow.HideBefore(rows, scores, KeyTileStride, blockFirstKeys);");
        }
    }

    /// <summary>
    /// <c>ScoreRows</c> over the keys some row of the block attends: as many as its last row does (prefix masks), or from
    /// the first to the last key a per-key mask leaves.
    /// </summary>
    private static string ScoreRowsCall(KernelSpec spec) => spec.MasksPerKey
        ? "BlockKernels.ScoreRows(Blocks, ref blockQueries, rows, ref keysT[attended.Start], attended.End - attended.Start, ref Add(ref blockScores, attended.Start));"
        : spec.HasWindow
            ? "BlockKernels.ScoreRows(Blocks, ref blockQueries, rows, ref keysT[blockStart], blockKeys, ref blockScores);"
            : "BlockKernels.ScoreRows(Blocks, ref blockQueries, rows, ref GetReference(keysT), blockKeyCounts[rows - 1], ref blockScores);";

    /// <summary>
    /// A block's Boolean and additive masks: each row's attended keys among those its prefix masks leave, and whether they
    /// are a prefix (every key open, a causal or padding pattern), which the unmasked block loops handle as they are.
    /// </summary>
    /// <param name="keyAt">The block's first key (a chunk's start), or null for key 0.</param>
    private static void WriteBlockMask(CodeWriter w, KernelSpec spec, string? keyAt)
    {
        if (!spec.MasksPerKey)
        {
            return;
        }

        string key = keyAt is null ? "" : $" + {keyAt}";
        // A block's rows are a head's rows, a row of mask apart, or (folded) a group's heads, a head's mask apart.
        string At(string headStride) => spec.FoldsHeads
            ? $"(head + rowBlock) * {headStride}{key}"
            : $"head * {headStride} + rowBlock * KeySeqLen{key}";
        string RowStride(string headStride) => spec.FoldsHeads ? headStride : "KeySeqLen";
        string mask = spec.HasBooleanMask ? $"mask.Slice({At("maskHeadStride")}), {RowStride("maskHeadStride")}" : "default, 0";
        string bias = spec.HasBias ? $"bias.Slice({At("biasHeadStride")}), {RowStride("biasHeadStride")}" : "default, 0";
        w.Line();
        w.Line("// Boolean and additive masks: the keys each row attends. Blocks whose rows each attend a prefix of them (every key");
        w.Line("// open, a causal or padding pattern) take the unmasked loops; in others a hidden key's score becomes −∞ and its value");
        w.Line("// row stays out of that row's sum.");
        w.Line($"BlockMask<{spec.ElementName}> blockMask = new({mask}, {bias});");
        w.Line("AttendedBlock attended = blockMask.FindAttended(rows, blockKeyCounts, blockFirstKeys);");
    }

    /// <summary>
    /// The mask and bias rows of query row <paramref name="row"/> of <c>head</c>, or (folded) of query row 0 of head
    /// <c>head + row</c>, as <c>WriteWeights</c> takes them.
    /// </summary>
    private static void AddMaskRows(Dictionary<string, string> given, KernelSpec spec, string row)
    {
        string At(string headStride) => spec.FoldsHeads ? $"(head + {row}) * {headStride}" : $"head * {headStride} + {row} * KeySeqLen";
        if (spec.HasBooleanMask)
        {
            given["maskRow"] = $"mask.Slice({At("maskHeadStride")}, KeySeqLen)";
        }

        if (spec.HasBias)
        {
            given["biasRow"] = $"bias.Slice({At("biasHeadStride")}, KeySeqLen)";
        }
    }

    /// <summary>
    /// A block's Gaussian scores: <c>Scale·(q·k − ‖k‖²/2)</c>, the score less each row's own <c>−Scale·‖q‖²/2</c> (which the
    /// softmax cancels), from the tile's dot products, while the rows' and keys' magnitudes keep that form exact; else, as
    /// the row-at-a-time path does, from the differences <c>q − k</c>. The largest key norm is over all the head's keys
    /// (a chunk's too), so a row's scores take the same form in every chunk.
    /// </summary>
    private static void WriteGaussianBlockScores(CodeWriter w, KernelSpec spec, string? keyAt)
    {
        string t = spec.ComputeName;
        w.Line($"{t} largest = largestKeyNorm;");
        using (w.Block("for (int r = 0; r < rows; r++)"))
        {
            w.Line($"ref {t} queryRow = ref Add(ref blockQueries, r * {(IsHalf(spec) ? "HeadDim" : "QueryBlockStride")});");
            w.Line($"largest = {spec.MathName}.Max(largest, Affinity(ref queryRow, ref queryRow)); // Scale·‖q‖²");
        }

        using (w.Block("if (largest <= GaussianExactLimit)"))
        {
            w.Line(ScoreRowsCall(spec));
            w.Line("// Less each key's and each row's half norm: the expanded form is the score itself, as the exact one is.");
            using (w.Block("for (int r = 0; r < rows; r++)"))
            {
                w.Line($"ref {t} queryRow = ref Add(ref blockQueries, r * {(IsHalf(spec) ? "HeadDim" : "QueryBlockStride")});");
                w.Line($"{t} queryHalfNorm = {spec.Literal(0.5)} * Affinity(ref queryRow, ref queryRow);");
                w.Line(spec.HasWindow
                    ? "VectorMath.Subtract(scores.Slice(r * KeyTileStride, blockKeyCounts[r]), keyHalfNorms.Slice(blockStart), queryHalfNorm);"
                    : "VectorMath.Subtract(scores.Slice(r * KeyTileStride, blockKeyCounts[r]), keyHalfNorms, queryHalfNorm);");
            }
        }

        using (w.Block("else"))
        {
            w.Line("// Magnitudes too large for the shifted form to stay exact: this block's scores from the differences q − k.");
            using (w.Block("for (int r = 0; r < rows; r++)"))
            {
                w.Line($"ref {t} queryRow = ref Add(ref blockQueries, r * {(IsHalf(spec) ? "HeadDim" : "QueryBlockStride")});");
                using (w.Block("for (int j = 0; j < blockKeyCounts[r]; j++)"))
                {
                    w.Line($"scores[r * KeyTileStride + j] = {ScoreOfKey(spec, keyAt is null ? "j" : $"({keyAt} + j)")};");
                }
            }
        }
    }

    /// <summary>
    /// A block's value sums, each value-row load serving all its rows: normalised (<c>AccumulateValueBlock</c>) or, for a
    /// chunk of keys, added to the rescaled output (<c>AddValueBlock</c>).
    /// </summary>
    private static void WriteBlockValues(CodeWriter w, KernelSpec spec, bool chunk, string outputAt, string values)
    {
        w.Line("// Values: the probability-weighted sums; a row with no keys gets 0.");
        w.Line(IsHalf(spec)
            ? $"ref float blockOutputs = ref {(chunk ? "Add(ref GetReference(outputRows), rowBlock * ValueDim)" : "GetReference(outputRows)")};"
            : $"ref {spec.ComputeName} blockOutputs = ref Add(ref outputs, {outputAt});");
        string factors = chunk ? "blockScales" : "blockNormalizers";
        using (spec.MasksPerKey ? w.Block("if (attended.Prefixes)") : default(CodeWriter.Scope?))
        {
            string method = chunk ? "BlockKernels.AddValueBlock" : "BlockKernels.AccumulateValueBlock";
            if (spec.HasWindow)
            {
                w.List(method, new[] { "Blocks", "ref blockScores", "rows", "blockFirstKeys", "blockKeyCounts", factors, $"ref {values}", "ref blockOutputs" }, ";");
            }
            else
            {
                w.Line(method + "(");
                w.Indented($"Blocks, ref blockScores, rows, blockKeyCounts, {factors}, ref {values}, ref blockOutputs);");
            }
        }

        if (spec.MasksPerKey)
        {
            using (w.Block("else"))
            {
                w.Line("// Each row sums the value rows of its own attended keys: a value row hidden from it never reaches it.");
                w.List(
                    chunk ? "BlockKernels.AddAttendedValues" : "BlockKernels.AccumulateAttendedValues",
                    new[] { "Blocks", "ref blockScores", "rows", "blockFirstKeys", "blockKeyCounts", factors, $"ref {values}", "ref blockOutputs" },
                    ";");
            }
        }
    }

    /// <summary>
    /// The shape <c>BlockKernels</c> is compiled for: an empty struct whose members are this kernel's constants, so the JIT
    /// specialises the block microkernels for it as the emitted code would be.
    /// </summary>
    private static void WriteBlockShape(CodeWriter w, KernelSpec spec)
    {
        string kernel = spec.ImplementationName;
        w.Line("/// <summary>This kernel's shape as the block microkernels read it: every member a constant, which the JIT folds into them.</summary>");
        if (IsHalf(spec))
        {
            w.Line("/// <remarks>Half rows reach the microkernels widened into scratch, each block's rows one after another.</remarks>");
        }

        using (w.Block($"private readonly struct BlockShape : IBlockShape<{spec.ComputeName}>"))
        {
            // Half kernels hand the microkernels widened rows, packed: a row's width apart.
            w.Line($"public int HeadDim => {kernel}.HeadDim;");
            w.Line($"public int ValueDim => {kernel}.ValueDim;");
            w.Line($"public int QueryBlockStride => {kernel}.{(IsHalf(spec) ? "HeadDim" : "QueryBlockStride")};");
            w.Line($"public int ValueRowStride => {kernel}.{(IsHalf(spec) || spec.PacksValues ? "ValueDim" : "ValueRowStride")};");
            w.Line($"public int OutputBlockStride => {kernel}.{(IsHalf(spec) ? "ValueDim" : "OutputBlockStride")};");
            w.Line($"public int KeyTileStride => {kernel}.KeyTileStride;");
            w.Line($"public {spec.ComputeName} ScoreFactor => {kernel}.{(spec.IsGaussian ? "AffinityFactor" : "ScoreFactor")};");
        }

        w.Line();
    }
}
