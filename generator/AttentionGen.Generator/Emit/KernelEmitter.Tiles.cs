using System.Linq;
using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Emit;

internal static partial class KernelEmitter
{
    /// <summary>Query rows scored together: four rows share each key load, and their value sums share each value-row load.</summary>
    private const int RowBlock = KeyTileShape.RowBlock;

    /// <summary>
    /// Vectors of keys a full block scores per step: with <see cref="RowBlock"/> rows that is 16 accumulators of Vector512's
    /// 32 registers, 8 of the 16 narrower ones: enough independent multiply-adds to hide their latency on two FMA pipes.
    /// </summary>
    private static int KeyVectorsPerStep(VectorWidth width) => width.Bits == 512 ? 4 : 2;

    /// <summary>
    /// <c>ScoreRows</c>: the scores of up to <see cref="RowBlock"/> query rows against the transposed keys. A vector holds
    /// one column of consecutive keys, so no score needs a horizontal sum, and each key load serves every row of the block.
    /// Keys go in whole vectors: the last, partial one reads the tile's padding, and scores past <c>keyCount</c> are never used.
    /// </summary>
    private static void WriteScoreRows(CodeWriter w, KernelSpec spec)
    {
        string t = spec.ComputeName;
        w.Line("/// <summary>");
        w.Line("/// Writes <c>ScoreFactor · q·k</c> of <paramref name=\"rows\"/> query rows (1 … RowBlock) and keys 0 … <paramref name=\"keyCount\"/> − 1,");
        w.Line("/// reading the keys transposed, <c>[HeadDim, KeyTileStride]</c>, into <paramref name=\"scores\"/>, <c>[RowBlock, KeyTileStride]</c>.");
        w.Line("/// </summary>");
        w.Open($"private static void ScoreRows(ref {t} queryRows, int rows, ref {t} keysT, int keyCount, ref {t} scores)");
        foreach (VectorWidth width in VectorWidth.All)
        {
            WriteScoreRowsForWidth(w, spec, width);
        }

        w.Line("// No SIMD: a scalar loop per row and key.");
        w.Open("for (int r = 0; r < rows; r++)");
        w.Line($"ref {t} queryRow = ref {Unsafe}.Add(ref queryRows, r * QueryBlockStride);");
        w.Open("for (int j = 0; j < keyCount; j++)");
        w.Line($"{t} sum = {spec.Literal(0)};");
        w.Open("for (int c = 0; c < HeadDim; c++)");
        w.Line($"sum += {Unsafe}.Add(ref queryRow, c) * {Unsafe}.Add(ref keysT, c * KeyTileStride + j);");
        w.Close();
        w.Line($"{Unsafe}.Add(ref scores, r * KeyTileStride + j) = ScoreFactor * sum;");
        w.Close();
        w.Close();
        w.Close();
        w.Line();
    }

    private static void WriteScoreRowsForWidth(CodeWriter w, KernelSpec spec, VectorWidth width)
    {
        string t = spec.ComputeName;
        string v = width.Of(t);
        string s = width.Static;
        int lanes = width.Lanes(spec.ElementSize);
        int step = KeyVectorsPerStep(width);
        w.Open($"if ({s}.IsHardwareAccelerated)");
        w.Line($"int keyEnd = (keyCount + {lanes - 1}) & ~{lanes - 1}; // whole vectors of {lanes} keys");
        w.Line("int j = 0;");
        w.Open("if (rows == RowBlock)");
        for (int r = 1; r < RowBlock; r++)
        {
            w.Line($"ref {t} queryRow{r} = ref {Unsafe}.Add(ref queryRows, {r} * QueryBlockStride);");
        }

        if (spec.KeySeqLen >= step * lanes)
        {
            w.Line($"// {RowBlock} rows × {step} vectors of {lanes} keys in {RowBlock * step} accumulators, then a vector at a time.");
            WriteScoreBlockLoop(w, spec, width, step, $"j <= keyEnd - {step * lanes}", $"j += {step * lanes}");
        }
        else
        {
            w.Line($"// {RowBlock} rows × a vector of {lanes} keys in {RowBlock} accumulators.");
        }

        WriteScoreBlockLoop(w, spec, width, 1, "j < keyEnd", $"j += {lanes}");
        w.Line("return;");
        w.Close();
        w.Line();
        w.Line("// A partial block: row by row, a vector of keys at a time.");
        w.Open("for (int r = 0; r < rows; r++)");
        w.Line($"ref {t} queryRow = ref {Unsafe}.Add(ref queryRows, r * QueryBlockStride);");
        w.Open($"for (int k = 0; k < keyEnd; k += {lanes})");
        w.Line($"{v} sum = {v}.Zero;");
        w.Open("for (int c = 0; c < HeadDim; c++)");
        w.Line($"sum = {s}.MultiplyAddEstimate({s}.Create({Unsafe}.Add(ref queryRow, c)), {s}.LoadUnsafe(ref {Unsafe}.Add(ref keysT, c * KeyTileStride + k)), sum);");
        w.Close();
        w.Line($"{s}.StoreUnsafe(sum * ScoreFactor, ref {Unsafe}.Add(ref scores, r * KeyTileStride + k));");
        w.Close();
        w.Close();
        w.Line("return;");
        w.Close();
        w.Line();
    }

    /// <summary>A loop scoring all <see cref="RowBlock"/> rows against <paramref name="vectors"/> vectors of keys per step.</summary>
    private static void WriteScoreBlockLoop(CodeWriter w, KernelSpec spec, VectorWidth width, int vectors, string condition, string advance)
    {
        string t = spec.ComputeName;
        string v = width.Of(t);
        string s = width.Static;
        int lanes = width.Lanes(spec.ElementSize);
        string Offset(int k) => k == 0 ? "" : $", {k * lanes}";
        w.Open($"for (; {condition}; {advance})");
        for (int r = 0; r < RowBlock; r++)
        {
            w.Line($"{v} {string.Join(", ", Enumerable.Range(0, vectors).Select(k => $"sum{r}{k} = {v}.Zero"))};");
        }

        w.Line("// Column c of the transposed keys, one row of the tile after another.");
        w.Line($"ref {t} column = ref {Unsafe}.Add(ref keysT, j);");
        w.Open("for (nuint c = 0; c < HeadDim; c++)");
        w.Line($"{v} {string.Join(", ", Enumerable.Range(0, vectors).Select(k => $"keys{k} = {s}.LoadUnsafe(ref column{Offset(k)})"))};");
        for (int r = 0; r < RowBlock; r++)
        {
            w.Line($"{v} query{r} = {s}.Create({Unsafe}.Add(ref {(r == 0 ? "queryRows" : $"queryRow{r}")}, c));");
            for (int k = 0; k < vectors; k++)
            {
                w.Line($"sum{r}{k} = {s}.MultiplyAddEstimate(query{r}, keys{k}, sum{r}{k});");
            }
        }

        w.Line($"column = ref {Unsafe}.Add(ref column, KeyTileStride);");
        w.Close();
        for (int r = 0; r < RowBlock; r++)
        {
            string at = r == 0 ? "j" : $"{r} * KeyTileStride + j";
            w.Line($"ref {t} rowScores{r} = ref {Unsafe}.Add(ref scores, {at});");
            for (int k = 0; k < vectors; k++)
            {
                w.Line($"{s}.StoreUnsafe(sum{r}{k} * ScoreFactor, ref rowScores{r}{Offset(k)});");
            }
        }

        w.Close();
    }

    /// <summary>Accumulator registers a value block may hold: 24 of Vector512's 32, 12 of the 16 narrower ones.</summary>
    private static int ValueBlockRegisters(VectorWidth width) => width.Bits == 512 ? 24 : 12;

    /// <summary>
    /// <c>AccumulateValueBlock</c> (or, for a chunk of keys, <c>AddValueBlock</c>): the value sums of a block of
    /// <see cref="RowBlock"/> rows at once, each value-row load serving every row. Keys all rows attend are summed together;
    /// each row then adds its own further keys, so a key a row may not attend never touches that row. Rows wider than the
    /// registers hold go in groups of columns; widths that do not divide ValueDim go row by row.
    /// </summary>
    private static void WriteAccumulateValueBlock(CodeWriter w, KernelSpec spec, bool chunk)
    {
        string t = spec.ComputeName;
        string factors = chunk ? "scales" : "normalizers";
        w.Line(chunk
            ? "/// <summary>Adds a chunk of keys to the output rows of a block of RowBlock query rows: <c>o[r] = scales[r] · o[r] + Σ_j scores[r, j] · value row j</c> over keys 0 … keyCounts[r] − 1.</summary>"
            : "/// <summary>Writes the output rows of a block of RowBlock query rows: <c>normalizers[r] · Σ_j scores[r, j] · value row j</c> over keys 0 … keyCounts[r] − 1.</summary>");
        w.Open($"private static void {(chunk ? "AddValueBlock" : "AccumulateValueBlock")}(ref {t} scores, global::System.ReadOnlySpan<int> keyCounts, global::System.ReadOnlySpan<{t}> {factors}, ref {t} values, ref {t} outputs)");
        w.Line("int shared = global::System.Math.Min(global::System.Math.Min(keyCounts[0], keyCounts[1]), global::System.Math.Min(keyCounts[2], keyCounts[3]));");
        for (int r = 1; r < RowBlock; r++)
        {
            w.Line($"ref {t} scores{r} = ref {Unsafe}.Add(ref scores, {r} * KeyTileStride);");
        }

        foreach (VectorWidth width in VectorWidth.All)
        {
            int lanes = width.Lanes(spec.ElementSize);
            if (spec.ValueDim % lanes != 0)
            {
                continue;
            }

            int vectors = spec.ValueDim / lanes;
            int perGroup = Enumerable.Range(1, ValueBlockRegisters(width) / RowBlock).Last(size => vectors % size == 0);
            w.Open($"if ({width.Static}.IsHardwareAccelerated)");
            if (perGroup == vectors)
            {
                w.Line($"// {RowBlock} rows × {vectors} vector(s) of {lanes} columns in registers.");
                WriteValueGroup(w, spec, width, vectors, "0", chunk);
            }
            else
            {
                w.Line($"// {RowBlock} rows × {perGroup} vector(s) of {lanes} columns in registers, {vectors / perGroup} groups of columns in turn.");
                w.Open($"for (int column = 0; column < ValueDim; column += {perGroup * lanes})");
                WriteValueGroup(w, spec, width, perGroup, "column", chunk);
                w.Close();
            }

            w.Line("return;");
            w.Close();
            w.Line();
        }

        w.Line("// Otherwise, row by row.");
        w.Open("for (int r = 0; r < RowBlock; r++)");
        w.Line($"{(chunk ? "AddValues" : "AccumulateValues")}(ref {Unsafe}.Add(ref scores, r * KeyTileStride), keyCounts[r], ref values, {factors}[r], ref {Unsafe}.Add(ref outputs, r * OutputBlockStride));");
        w.Close();
        w.Close();
        w.Line();
    }

    /// <summary>The block's sums over <paramref name="vectors"/> vectors of columns from <paramref name="start"/>, and their stores.</summary>
    private static void WriteValueGroup(CodeWriter w, KernelSpec spec, VectorWidth width, int vectors, string start, bool chunk)
    {
        string t = spec.ComputeName;
        string v = width.Of(t);
        string s = width.Static;
        int lanes = width.Lanes(spec.ElementSize);
        for (int r = 0; r < RowBlock; r++)
        {
            w.Line($"{v} {string.Join(", ", Enumerable.Range(0, vectors).Select(c => $"sum{r}{c} = {v}.Zero"))};");
        }

        w.Line("// Keys every row of the block attends: one load of each value row for all of them.");
        w.Line($"ref {t} sharedRow = ref {(start == "0" ? "values" : $"{Unsafe}.Add(ref values, {start})")};");
        w.Open("for (nuint j = 0; j < (nuint)shared; j++)");
        WriteValueLoads(w, spec, width, vectors, "sharedRow");
        for (int r = 0; r < RowBlock; r++)
        {
            WriteRowUpdate(w, spec, width, vectors, r);
        }

        w.Line($"sharedRow = ref {Unsafe}.Add(ref sharedRow, ValueRowStride);");
        w.Close();
        w.Line("// Then each row's further keys (under a causal mask, later rows attend more).");
        for (int r = 0; r < RowBlock; r++)
        {
            w.Open($"for (int j = shared; j < keyCounts[{r}]; j++)");
            w.Line($"ref {t} valueRow = ref {Unsafe}.Add(ref values, {(start == "0" ? "j * ValueRowStride" : $"j * ValueRowStride + {start}")});");
            WriteValueLoads(w, spec, width, vectors, "valueRow");
            WriteRowUpdate(w, spec, width, vectors, r);
            w.Close();
        }

        for (int r = 0; r < RowBlock; r++)
        {
            string at = (r, start) switch
            {
                (0, "0") => "",
                (0, _) => start,
                (_, "0") => $"{r} * OutputBlockStride",
                _ => $"{r} * OutputBlockStride + {start}",
            };
            w.Line($"ref {t} output{r} = ref {(at.Length == 0 ? "outputs" : $"{Unsafe}.Add(ref outputs, {at})")};");
            for (int c = 0; c < vectors; c++)
            {
                string offset = c == 0 ? "" : $", {c * lanes}";
                w.Line(chunk
                    ? $"{s}.StoreUnsafe({s}.MultiplyAddEstimate({s}.LoadUnsafe(ref output{r}{offset}), {s}.Create(scales[{r}]), sum{r}{c}), ref output{r}{offset});"
                    : $"{s}.StoreUnsafe(sum{r}{c} * normalizers[{r}], ref output{r}{offset});");
            }
        }
    }

    /// <summary>Loads <paramref name="vectors"/> vectors of a value row from <paramref name="row"/>.</summary>
    private static void WriteValueLoads(CodeWriter w, KernelSpec spec, VectorWidth width, int vectors, string row)
        => w.Line($"{width.Of(spec.ComputeName)} {string.Join(", ", Enumerable.Range(0, vectors).Select(c => c == 0 ? $"value{c} = {width.Static}.LoadUnsafe(ref {row})" : $"value{c} = {width.Static}.LoadUnsafe(ref {row}, {c * width.Lanes(spec.ElementSize)})"))};");

    private static void WriteRowUpdate(CodeWriter w, KernelSpec spec, VectorWidth width, int vectors, int r)
    {
        w.Line($"{width.Of(spec.ComputeName)} p{r} = {width.Static}.Create({Unsafe}.Add(ref {(r == 0 ? "scores" : $"scores{r}")}, j));");
        for (int c = 0; c < vectors; c++)
        {
            w.Line($"sum{r}{c} = {width.Static}.MultiplyAddEstimate(p{r}, value{c}, sum{r}{c});");
        }
    }
}
