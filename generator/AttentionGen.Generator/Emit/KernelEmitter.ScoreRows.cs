using System.Linq;
using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Emit;

/// <summary>
/// The block microkernel <c>ScoreRows</c>: the scores of up to <c>RowBlock</c> query rows against the transposed keys. A
/// vector holds one column of consecutive keys, so no score needs a horizontal sum, and each key load serves every row of
/// the block. Written once, generic over the vector width (<c>ISimdWidth</c>): the JIT compiles it for each width the
/// dispatcher calls it with, and folds the width tests below into the code for that width.
/// </summary>
internal static partial class KernelEmitter
{
    private static int RowBlock => KeyTileShape.RowBlock;

    /// <summary>
    /// Vectors of keys a full block scores per step: with <see cref="RowBlock"/> rows that is 16 accumulators of Vector512's
    /// 32 registers, 8 of the 16 narrower ones: enough independent multiply-adds to hide their latency on two FMA pipes.
    /// </summary>
    private static int KeyVectorsPerStep(VectorWidth width) => width.Bits == 512 ? 4 : 2;

    private static void WriteScoreRows(CodeWriter w, KernelSpec spec)
    {
        string t = spec.ComputeName;
        const string Parameters = "ref queryRows, rows, ref keysT, keyCount, ref scores";
        w.Line("/// <summary>");
        w.Doc("Writes <c>ScoreFactor · q·k</c> of <paramref name=\"rows\"/> query rows (1 … RowBlock) and keys 0 … <paramref name=\"keyCount\"/> − 1, "
            + "reading the keys transposed, <c>[HeadDim, KeyTileStride]</c>, into <paramref name=\"scores\"/>, <c>[RowBlock, KeyTileStride]</c>.");
        w.Line("/// </summary>");
        string[] parameters = { $"ref {t} queryRows", "int rows", $"ref {t} keysT", "int keyCount", $"ref {t} scores" };
        w.List("private static void ScoreRows", parameters, "");
        using (w.Block())
        {
            WriteWidthDispatch(w, spec, VectorWidth.All, "ScoreRows", Parameters);
            w.Line("// No SIMD: a scalar loop per row and key.");
            using (w.Block("for (int r = 0; r < rows; r++)"))
            {
                w.Line($"ref {t} queryRow = ref Add(ref queryRows, r * QueryBlockStride);");
                using (w.Block("for (int j = 0; j < keyCount; j++)"))
                {
                    w.Line($"{t} sum = {spec.Literal(0)};");
                    using (w.Block("for (int c = 0; c < HeadDim; c++)"))
                    {
                        w.Line("sum += Add(ref queryRow, c) * Add(ref keysT, c * KeyTileStride + j);");
                    }

                    w.Line("Add(ref scores, r * KeyTileStride + j) = ScoreFactor * sum;");
                }
            }
        }

        w.Line();
        w.Line("/// <summary>ScoreRows in vectors of one width: whole vectors of keys (the last reads the tile's padding, never used).</summary>");
        w.List("private static void ScoreRows<TWidth, TVector>", parameters, "");
        w.Indented($"where TWidth : ISimdWidth<TVector, {t}>");
        using (w.Block())
        {
            w.Line("int lanes = TWidth.Count;");
            w.Line("int keyEnd = (keyCount + lanes - 1) & -lanes;");
            w.Line("int j = 0;");
            w.Line($"TVector factor = TWidth.Broadcast(ScoreFactor);");
            using (w.Block("if (rows == RowBlock)"))
            {
                for (int r = 1; r < RowBlock; r++)
                {
                    w.Line($"ref {t} queryRow{r} = ref Add(ref queryRows, {r} * QueryBlockStride);");
                }

                // A loop of several vectors per step for each step size some width takes and the keys can fill.
                foreach (var group in VectorWidth.All.GroupBy(KeyVectorsPerStep))
                {
                    int step = group.Key;
                    int[] lanes = group.Select(width => width.Lanes(spec.ElementSize)).Where(l => spec.KeySeqLen >= step * l).ToArray();
                    if (lanes.Length == 0)
                    {
                        continue;
                    }

                    string widths = string.Join(" || ", lanes.Select(l => $"lanes == {l}"));
                    using (w.Block($"if ({widths})"))
                    {
                        w.Line($"// {RowBlock} rows × {step} vectors of keys in {RowBlock * step} accumulators.");
                        WriteScoreBlockLoop(w, spec, step, $"j <= keyEnd - {step} * lanes", $"j += {step} * lanes");
                    }
                }

                w.Line($"// {RowBlock} rows × a vector of keys at a time.");
                WriteScoreBlockLoop(w, spec, 1, "j < keyEnd", "j += lanes");
                w.Line("return;");
            }

            w.Line();
            w.Line("// A partial block: row by row, a vector of keys at a time.");
            using (w.Block("for (int r = 0; r < rows; r++)"))
            {
                w.Line($"ref {t} queryRow = ref Add(ref queryRows, r * QueryBlockStride);");
                using (w.Block("for (int k = 0; k < keyEnd; k += lanes)"))
                {
                    w.Line("TVector sum = TWidth.Zero;");
                    w.Line($"ref {t} column = ref Add(ref keysT, k);");
                    using (w.Block("for (int c = 0; c < HeadDim; c++)"))
                    {
                        w.Line("sum = TWidth.MultiplyAdd(TWidth.Broadcast(Add(ref queryRow, c)), TWidth.Load(ref column, 0), sum);");
                        w.Line("column = ref Add(ref column, KeyTileStride);");
                    }

                    w.Line("TWidth.Store(TWidth.Multiply(sum, factor), ref scores, (nuint)(r * KeyTileStride + k));");
                }
            }
        }

        w.Line();
    }

    /// <summary>A loop scoring all <see cref="RowBlock"/> rows against <paramref name="vectors"/> vectors of keys per step.</summary>
    private static void WriteScoreBlockLoop(CodeWriter w, KernelSpec spec, int vectors, string condition, string advance)
    {
        string t = spec.ComputeName;
        string Offset(int k) => k == 0 ? "0" : k == 1 ? "(nuint)lanes" : $"(nuint)({k} * lanes)";
        using (w.Block($"for (; {condition}; {advance})"))
        {
            w.Packed(Enumerable.Range(0, RowBlock).Select(r =>
                $"TVector {string.Join(", ", Enumerable.Range(0, vectors).Select(k => $"sum{r}{k} = TWidth.Zero"))};"));
            w.Line("// Column c of the transposed keys, one row of the tile after another.");
            w.Line($"ref {t} column = ref Add(ref keysT, j);");
            using (w.Block("for (nuint c = 0; c < HeadDim; c++)"))
            {
                w.Line($"TVector {string.Join(", ", Enumerable.Range(0, vectors).Select(k => $"keys{k} = TWidth.Load(ref column, {Offset(k)})"))};");
                for (int r = 0; r < RowBlock; r++)
                {
                    string row = r == 0 ? "queryRows" : $"queryRow{r}";
                    w.Line($"TVector query{r} = TWidth.Broadcast(Add(ref {row}, c));");
                    w.Packed(Enumerable.Range(0, vectors).Select(k => $"sum{r}{k} = TWidth.MultiplyAdd(query{r}, keys{k}, sum{r}{k});"));
                }

                w.Line("column = ref Add(ref column, KeyTileStride);");
            }

            for (int r = 0; r < RowBlock; r++)
            {
                w.Line($"ref {t} rowScores{r} = ref Add(ref scores, {(r == 0 ? "j" : $"{r} * KeyTileStride + j")});");
                w.Packed(Enumerable.Range(0, vectors).Select(k => $"TWidth.Store(TWidth.Multiply(sum{r}{k}, factor), ref rowScores{r}, {Offset(k)});"));
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="method"/>'s generic form for the widest of <paramref name="widths"/> the hardware accelerates,
    /// and returns; what follows is the code for no SIMD.
    /// </summary>
    private static void WriteWidthDispatch(CodeWriter w, KernelSpec spec, System.Collections.Generic.IEnumerable<VectorWidth> widths, string method, string arguments)
    {
        string t = spec.ComputeName;
        foreach (VectorWidth width in widths)
        {
            using (w.Block($"if ({width.TypeName}.IsHardwareAccelerated)"))
            {
                w.Line($"{method}<Simd{width.Bits}<{t}>, {width.TypeName}<{t}>>({arguments});");
                w.Line("return;");
            }

            w.Line();
        }
    }
}
