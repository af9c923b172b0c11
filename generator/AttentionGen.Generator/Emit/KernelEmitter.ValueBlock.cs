using System.Linq;
using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Emit;

/// <summary>
/// The block microkernel <c>AccumulateValueBlock</c> (or, for a chunk of keys, <c>AddValueBlock</c>): the value sums of a
/// block of <c>RowBlock</c> rows at once, each value-row load serving every row. Keys all rows attend are summed together;
/// each row then adds its own further keys, so a key a row may not attend never touches that row. Rows wider than the
/// registers hold go in groups of columns. Written once, generic over the vector width, like <c>ScoreRows</c>.
/// </summary>
internal static partial class KernelEmitter
{
    /// <summary>Accumulator registers a value block may hold: 24 of Vector512's 32, 12 of the 16 narrower ones.</summary>
    private static int ValueBlockRegisters(VectorWidth width) => width.Bits == 512 ? 24 : 12;

    /// <summary>Output vectors per row a width keeps in registers at once: the most that divide the row and fit.</summary>
    private static int ValueVectorsPerGroup(KernelSpec spec, VectorWidth width)
    {
        int vectors = spec.ValueDim / width.Lanes(spec.ElementSize);
        return Enumerable.Range(1, ValueBlockRegisters(width) / RowBlock).Last(size => vectors % size == 0);
    }

    private static void WriteValueBlock(CodeWriter w, KernelSpec spec, bool chunk)
    {
        string t = spec.ComputeName;
        string name = chunk ? "AddValueBlock" : "AccumulateValueBlock";
        string factors = chunk ? "scales" : "normalizers";
        VectorWidth[] widths = VectorWidth.All.Where(width => spec.ValueDim % width.Lanes(spec.ElementSize) == 0).ToArray();
        string[] parameters = { $"ref {t} scores", "ReadOnlySpan<int> keyCounts", $"ReadOnlySpan<{t}> {factors}", $"ref {t} values", $"ref {t} outputs" };
        w.Doc(chunk
            ? "<summary>Adds a chunk of keys to the output rows of a block of RowBlock query rows: "
                + "<c>o[r] = scales[r] · o[r] + Σ_j scores[r, j] · value row j</c> over keys 0 … keyCounts[r] − 1.</summary>"
            : "<summary>Writes the output rows of a block of RowBlock query rows: "
                + "<c>normalizers[r] · Σ_j scores[r, j] · value row j</c> over keys 0 … keyCounts[r] − 1.</summary>");
        w.List($"private static void {name}", parameters, "");
        using (w.Block())
        {
            WriteWidthDispatch(w, spec, widths, name, $"ref scores, keyCounts, {factors}, ref values, ref outputs");
            w.Line(widths.Length == VectorWidth.All.Length
                ? "// No SIMD: row by row."
                : "// No SIMD, or no vector width divides ValueDim: row by row.");
            using (w.Block("for (int r = 0; r < RowBlock; r++)"))
            {
                w.Line($"ref {t} rowScores = ref Add(ref scores, r * KeyTileStride);");
                w.Line($"ref {t} rowOutput = ref Add(ref outputs, r * OutputBlockStride);");
                w.Line($"{(chunk ? "AddValues" : "AccumulateValues")}(ref rowScores, keyCounts[r], ref values, {factors}[r], ref rowOutput);");
            }
        }

        w.Line();
        if (widths.Length == 0)
        {
            return;
        }

        w.Line($"/// <summary>{name} in vectors of one width that divides ValueDim.</summary>");
        w.List($"private static void {name}<TWidth, TVector>", parameters, "");
        w.Indented($"where TWidth : ISimdWidth<TVector, {t}>");
        using (w.Block())
        {
            w.Line("int lanes = TWidth.Count;");
            w.Line($"int shared = {PairwiseMin(Enumerable.Range(0, RowBlock).Select(r => $"keyCounts[{r}]").ToArray())}; // keys every row attends");
            for (int r = 1; r < RowBlock; r++)
            {
                w.Line($"ref {t} scores{r} = ref Add(ref scores, {r} * KeyTileStride);");
            }

            var groups = widths.GroupBy(width => ValueVectorsPerGroup(spec, width)).ToArray();
            foreach (var group in groups)
            {
                int vectors = group.Key;
                string condition = string.Join(" || ", group.Select(width => $"lanes == {width.Lanes(spec.ElementSize)}"));
                using (groups.Length > 1 ? w.Block($"if ({condition})") : default(CodeWriter.Scope?))
                {
                    w.Line($"// {RowBlock} rows × {vectors} vector(s) of columns in registers, one group of columns after another.");
                    using (w.Block($"for (int column = 0; column < ValueDim; column += {vectors} * lanes)"))
                    {
                        WriteValueGroup(w, spec, vectors, chunk);
                    }

                    w.Line("return;");
                }
            }
        }

        w.Line();
    }

    /// <summary>The block's sums over <paramref name="vectors"/> vectors of columns from <c>column</c>, and their stores.</summary>
    private static void WriteValueGroup(CodeWriter w, KernelSpec spec, int vectors, bool chunk)
    {
        string t = spec.ComputeName;
        string Offset(int c) => c == 0 ? "0" : c == 1 ? "(nuint)lanes" : $"(nuint)({c} * lanes)";
        w.Packed(Enumerable.Range(0, RowBlock).Select(r =>
            $"TVector {string.Join(", ", Enumerable.Range(0, vectors).Select(c => $"sum{r}{c} = TWidth.Zero"))};"));

        w.Line("// Keys every row of the block attends: one load of each value row for all of them.");
        w.Line($"ref {t} sharedRow = ref Add(ref values, column);");
        using (w.Block("for (nuint j = 0; j < (nuint)shared; j++)"))
        {
            WriteValueLoads(w, vectors, "sharedRow", Offset);
            for (int r = 0; r < RowBlock; r++)
            {
                WriteRowUpdate(w, vectors, r);
            }

            w.Line("sharedRow = ref Add(ref sharedRow, ValueRowStride);");
        }

        w.Line("// Then each row's further keys (under a causal mask, later rows attend more).");
        for (int r = 0; r < RowBlock; r++)
        {
            using (w.Block($"for (int j = shared; j < keyCounts[{r}]; j++)"))
            {
                w.Line($"ref {t} valueRow = ref Add(ref values, j * ValueRowStride + column);");
                WriteValueLoads(w, vectors, "valueRow", Offset);
                WriteRowUpdate(w, vectors, r);
            }
        }

        for (int r = 0; r < RowBlock; r++)
        {
            w.Line($"ref {t} output{r} = ref Add(ref outputs, {(r == 0 ? "column" : $"{r} * OutputBlockStride + column")});");
            w.Line(chunk ? $"TVector factor{r} = TWidth.Broadcast(scales[{r}]);" : $"TVector factor{r} = TWidth.Broadcast(normalizers[{r}]);");
            w.Packed(Enumerable.Range(0, vectors).Select(c => chunk
                ? $"TWidth.Store(TWidth.MultiplyAdd(TWidth.Load(ref output{r}, {Offset(c)}), factor{r}, sum{r}{c}), ref output{r}, {Offset(c)});"
                : $"TWidth.Store(TWidth.Multiply(sum{r}{c}, factor{r}), ref output{r}, {Offset(c)});"));
        }
    }

    private static void WriteValueLoads(CodeWriter w, int vectors, string row, System.Func<int, string> offset)
        => w.Line($"TVector {string.Join(", ", Enumerable.Range(0, vectors).Select(c => $"value{c} = TWidth.Load(ref {row}, {offset(c)})"))};");

    private static void WriteRowUpdate(CodeWriter w, int vectors, int r)
    {
        w.Line($"TVector p{r} = TWidth.Broadcast(Add(ref {(r == 0 ? "scores" : $"scores{r}")}, j));");
        w.Packed(Enumerable.Range(0, vectors).Select(c => $"sum{r}{c} = TWidth.MultiplyAdd(p{r}, value{c}, sum{r}{c});"));
    }

    /// <summary><c>Math.Min(Math.Min(a, b), Math.Min(c, d))</c>: the least of <paramref name="terms"/>, balanced.</summary>
    private static string PairwiseMin(string[] terms)
    {
        while (terms.Length > 1)
        {
            terms = Enumerable.Range(0, (terms.Length + 1) / 2)
                .Select(i => 2 * i + 1 < terms.Length ? $"Math.Min({terms[2 * i]}, {terms[2 * i + 1]})" : terms[2 * i])
                .ToArray();
        }

        return terms[0];
    }
}
