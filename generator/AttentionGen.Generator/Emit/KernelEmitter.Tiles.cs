using AttentionGen.Generator.Model;

using System.Linq;

namespace AttentionGen.Generator.Emit;

internal static partial class KernelEmitter
{
    /// <summary>Query rows scored together: four rows × two vectors of keys keep eight accumulators and three more registers busy.</summary>
    private const int RowBlock = 4;

    /// <summary>
    /// <c>ScoreRows</c>: the scores of up to <see cref="RowBlock"/> query rows against the transposed keys. A vector holds
    /// one column of consecutive keys, so no score needs a horizontal sum, and each key load serves every row of the block.
    /// </summary>
    private static void WriteScoreRows(CodeWriter w, KernelSpec spec)
    {
        string t = spec.ComputeName;
        w.Line("/// <summary>");
        w.Line("/// Writes <c>ScoreFactor · q·k</c> of <paramref name=\"rows\"/> query rows (1 … RowBlock) and keys 0 … <paramref name=\"keyCount\"/> − 1,");
        w.Line("/// reading the keys transposed, <c>[HeadDim, KeyTileStride]</c>, into <paramref name=\"scores\"/>, <c>[RowBlock, KeySeqLen]</c>.");
        w.Line("/// </summary>");
        w.Open($"private static void ScoreRows(ref {t} queryRows, int rows, ref {t} keysT, int keyCount, ref {t} scores)");
        w.Line("int j = 0;");
        foreach (VectorWidth width in VectorWidth.All)
        {
            WriteScoreRowsForWidth(w, spec, width);
        }

        w.Line("// No SIMD: a scalar loop per row and key.");
        WriteScalarScoreRows(w, spec, "j");
        w.Close();
        w.Line();
    }

    private static void WriteScoreRowsForWidth(CodeWriter w, KernelSpec spec, VectorWidth width)
    {
        string t = spec.ComputeName;
        string v = width.Of(t);
        string s = width.Static;
        int lanes = width.Lanes(spec.ElementSize);
        w.Open($"if ({s}.IsHardwareAccelerated)");
        w.Open("if (rows == RowBlock)");
        w.Line($"// {RowBlock} rows × 2 vectors of {lanes} keys in {RowBlock * 2} accumulators.");
        w.Open($"for (; j <= keyCount - {2 * lanes}; j += {2 * lanes})");
        for (int r = 0; r < RowBlock; r++)
        {
            w.Line($"{v} sum{r}0 = {v}.Zero, sum{r}1 = {v}.Zero;");
        }

        w.Open("for (int c = 0; c < HeadDim; c++)");
        w.Line($"ref {t} column = ref {Unsafe}.Add(ref keysT, c * KeyTileStride + j);");
        w.Line($"{v} keys0 = {s}.LoadUnsafe(ref column), keys1 = {s}.LoadUnsafe(ref column, {lanes});");
        for (int r = 0; r < RowBlock; r++)
        {
            string q = r == 0 ? $"{Unsafe}.Add(ref queryRows, c)" : $"{Unsafe}.Add(ref queryRows, {r} * QueryRowStride + c)";
            w.Line($"{v} query{r} = {s}.Create({q});");
            w.Line($"sum{r}0 = {s}.MultiplyAddEstimate(query{r}, keys0, sum{r}0);");
            w.Line($"sum{r}1 = {s}.MultiplyAddEstimate(query{r}, keys1, sum{r}1);");
        }

        w.Close();
        for (int r = 0; r < RowBlock; r++)
        {
            string at = r == 0 ? "j" : $"{r} * KeySeqLen + j";
            w.Line($"ref {t} rowScores{r} = ref {Unsafe}.Add(ref scores, {at});");
            w.Line($"{s}.StoreUnsafe(sum{r}0 * ScoreFactor, ref rowScores{r});");
            w.Line($"{s}.StoreUnsafe(sum{r}1 * ScoreFactor, ref rowScores{r}, {lanes});");
        }

        w.Close();
        w.Close();
        w.Line();
        w.Line("// The keys left, one row at a time: a vector of keys, then key by key.");
        w.Open("for (int r = 0; r < rows; r++)");
        w.Line($"ref {t} queryRow = ref {Unsafe}.Add(ref queryRows, r * QueryRowStride);");
        w.Line($"ref {t} rowScores = ref {Unsafe}.Add(ref scores, r * KeySeqLen);");
        w.Line("int k = j;");
        w.Open($"for (; k <= keyCount - {lanes}; k += {lanes})");
        w.Line($"{v} sum = {v}.Zero;");
        w.Open("for (int c = 0; c < HeadDim; c++)");
        w.Line($"sum = {s}.MultiplyAddEstimate({s}.Create({Unsafe}.Add(ref queryRow, c)), {s}.LoadUnsafe(ref {Unsafe}.Add(ref keysT, c * KeyTileStride + k)), sum);");
        w.Close();
        w.Line($"{s}.StoreUnsafe(sum * ScoreFactor, ref {Unsafe}.Add(ref rowScores, k));");
        w.Close();
        WriteScalarKeys(w, spec, "k");
        w.Close();
        w.Line("return;");
        w.Close();
        w.Line();
    }

    /// <summary>Every row's scores of keys <paramref name="first"/> … keyCount − 1, one multiply-add at a time.</summary>
    private static void WriteScalarScoreRows(CodeWriter w, KernelSpec spec, string first)
    {
        w.Open("for (int r = 0; r < rows; r++)");
        w.Line($"ref {spec.ComputeName} queryRow = ref {Unsafe}.Add(ref queryRows, r * QueryRowStride);");
        w.Line($"ref {spec.ComputeName} rowScores = ref {Unsafe}.Add(ref scores, r * KeySeqLen);");
        w.Line($"int k = {first};");
        WriteScalarKeys(w, spec, "k");
        w.Close();
    }

    /// <summary>Keys <paramref name="first"/> … keyCount − 1 of one row (<c>queryRow</c>, <c>rowScores</c>), key by key.</summary>
    private static void WriteScalarKeys(CodeWriter w, KernelSpec spec, string first)
    {
        w.Open($"for (; {first} < keyCount; {first}++)");
        w.Line($"{spec.ComputeName} sum = {spec.Literal(0)};");
        w.Open("for (int c = 0; c < HeadDim; c++)");
        w.Line($"sum += {Unsafe}.Add(ref queryRow, c) * {Unsafe}.Add(ref keysT, c * KeyTileStride + {first});");
        w.Close();
        w.Line($"{Unsafe}.Add(ref rowScores, {first}) = ScoreFactor * sum;");
        w.Close();
    }

    /// <summary>Accumulator registers a value block may hold: 24 of Vector512's 32, 12 of the 16 narrower ones.</summary>
    private static int ValueBlockRegisters(VectorWidth width) => width.Bits == 512 ? 24 : 12;

    /// <summary>
    /// <c>AccumulateValueBlock</c>: the value sums of a block of <see cref="RowBlock"/> rows at once, each value-row load
    /// serving every row. Keys all rows attend are summed together; each row then adds its own further keys, so a key a
    /// row may not attend never touches that row. Widths whose rows do not fit the registers go row by row.
    /// </summary>
    private static void WriteAccumulateValueBlock(CodeWriter w, KernelSpec spec)
    {
        string t = spec.ComputeName;
        w.Line("/// <summary>Writes the output rows of a block of RowBlock query rows: <c>normalizers[r] · Σ_j scores[r, j] · value row j</c> over keys 0 … keyCounts[r] − 1.</summary>");
        w.Open($"private static void AccumulateValueBlock(ref {t} scores, global::System.ReadOnlySpan<int> keyCounts, global::System.ReadOnlySpan<{t}> normalizers, ref {t} values, ref {t} outputs)");
        w.Line("int shared = global::System.Math.Min(global::System.Math.Min(keyCounts[0], keyCounts[1]), global::System.Math.Min(keyCounts[2], keyCounts[3]));");
        foreach (VectorWidth width in VectorWidth.All)
        {
            int lanes = width.Lanes(spec.ElementSize);
            int vectors = spec.ValueDim / lanes;
            if (spec.ValueDim % lanes != 0 || vectors * RowBlock > ValueBlockRegisters(width))
            {
                continue;
            }

            string v = width.Of(t);
            string s = width.Static;
            w.Open($"if ({s}.IsHardwareAccelerated)");
            w.Line($"// {RowBlock} rows × {vectors} vector(s) of {lanes} columns in registers.");
            for (int r = 0; r < RowBlock; r++)
            {
                w.Line($"{v} {string.Join(", ", Enumerable.Range(0, vectors).Select(c => $"sum{r}{c} = {v}.Zero"))};");
            }

            w.Line("// Keys every row of the block attends: one load of each value row for all of them.");
            w.Open("for (int j = 0; j < shared; j++)");
            WriteValueLoads(w, spec, width, vectors);
            for (int r = 0; r < RowBlock; r++)
            {
                WriteRowUpdate(w, spec, width, vectors, r);
            }

            w.Close();
            w.Line("// Then each row's further keys (under a causal mask, later rows attend more).");
            for (int r = 0; r < RowBlock; r++)
            {
                w.Open($"for (int j = shared; j < keyCounts[{r}]; j++)");
                WriteValueLoads(w, spec, width, vectors);
                WriteRowUpdate(w, spec, width, vectors, r);
                w.Close();
            }

            for (int r = 0; r < RowBlock; r++)
            {
                string row = r == 0 ? "outputs" : $"{Unsafe}.Add(ref outputs, {r} * OutputRowStride)";
                w.Line($"ref {t} output{r} = ref {row};");
                for (int c = 0; c < vectors; c++)
                {
                    w.Line(c == 0
                        ? $"{s}.StoreUnsafe(sum{r}{c} * normalizers[{r}], ref output{r});"
                        : $"{s}.StoreUnsafe(sum{r}{c} * normalizers[{r}], ref output{r}, {c * lanes});");
                }
            }

            w.Line("return;");
            w.Close();
            w.Line();
        }

        w.Line("// Otherwise, row by row.");
        w.Open("for (int r = 0; r < RowBlock; r++)");
        w.Line($"AccumulateValues(ref {Unsafe}.Add(ref scores, r * KeySeqLen), keyCounts[r], ref values, normalizers[r], ref {Unsafe}.Add(ref outputs, r * OutputRowStride));");
        w.Close();
        w.Close();
        w.Line();
    }

    private static void WriteValueLoads(CodeWriter w, KernelSpec spec, VectorWidth width, int vectors)
    {
        w.Line($"ref {spec.ComputeName} valueRow = ref {Unsafe}.Add(ref values, j * ValueRowStride);");
        w.Line($"{width.Of(spec.ComputeName)} {string.Join(", ", Enumerable.Range(0, vectors).Select(c => c == 0 ? $"value{c} = {width.Static}.LoadUnsafe(ref valueRow)" : $"value{c} = {width.Static}.LoadUnsafe(ref valueRow, {c * width.Lanes(spec.ElementSize)})"))};");
    }

    private static void WriteRowUpdate(CodeWriter w, KernelSpec spec, VectorWidth width, int vectors, int r)
    {
        string at = r == 0 ? "j" : $"{r} * KeySeqLen + j";
        w.Line($"{width.Of(spec.ComputeName)} p{r} = {width.Static}.Create({Unsafe}.Add(ref scores, {at}));");
        for (int c = 0; c < vectors; c++)
        {
            w.Line($"sum{r}{c} = {width.Static}.MultiplyAddEstimate(p{r}, value{c}, sum{r}{c});");
        }
    }
}
