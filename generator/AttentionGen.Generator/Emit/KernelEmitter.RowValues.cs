using System.Linq;
using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Emit;

/// <summary>
/// The row microkernel <c>AccumulateValues</c> of the row-at-a-time strategy: <c>output = normalizer · Σ_j p[j] · value
/// row j</c>, its loop over ValueDim unrolled for each vector width that fits, the output columns kept in registers while
/// the keys stream past. The unrolling differs by width (ValueDim over the lanes), so each width has its own copy.
/// </summary>
internal static partial class KernelEmitter
{
    /// <summary>Output vectors held in registers across all keys; wider rows are done in column blocks of this many vectors.</summary>
    private const int ValueBlockVectors = 8;

    private static void WriteValueAccumulation(CodeWriter w, KernelSpec spec)
    {
        string t = spec.ComputeName;
        string attended = spec.MasksPerKey ? " attended[j]" : " j";
        w.Doc($"<summary>Writes <c>normalizer · Σ_j probabilities[j] · value row{attended}</c> over keyCount keys and ValueDim = {spec.ValueDim} columns.</summary>");
        w.Line(AggressiveInlining);
        var parameters = new System.Collections.Generic.List<string> { $"ref {t} probabilities" };
        if (spec.MasksPerKey)
        {
            parameters.Add("ref int attended");
        }

        parameters.AddRange(new[] { "int keyCount", $"ref {spec.ElementName} values", $"{t} normalizer", $"ref {t} output" });
        if (IsHalf(spec))
        {
            parameters.Add("Span<float> valueScratch");
        }

        w.List("private static void AccumulateValues", parameters, "");
        using (w.Block())
        {
            foreach (VectorWidth width in VectorWidth.All.Where(width => width.Lanes(spec.ElementSize) <= spec.ValueDim))
            {
                WriteValuesForWidth(w, spec, width);
            }

            w.Line("// No SIMD: a scalar loop per column.");
            using (w.Block("for (int column = 0; column < ValueDim; column++)"))
            {
                w.Line($"{t} sum = {spec.Literal(0)};");
                using (w.Block("for (int j = 0; j < keyCount; j++)"))
                {
                    w.Line($"sum += Add(ref probabilities, j) * {Widened(spec, $"Add(ref values, {ValueRowOffset(spec)} + column)")};");
                }

                w.Line("Add(ref output, column) = sum * normalizer;");
            }
        }

        w.Line();
    }

    private static void WriteValuesForWidth(CodeWriter w, KernelSpec spec, VectorWidth width)
    {
        int lanes = width.Lanes(spec.ElementSize);
        int vectors = spec.ValueDim / lanes;
        int blocks = vectors / ValueBlockVectors;
        int remainder = vectors % ValueBlockVectors;
        int tail = spec.ValueDim % lanes;

        using (w.Block($"if ({width.TypeName}.IsHardwareAccelerated)"))
        {
            if (blocks > 1 || (blocks == 1 && remainder > 0))
            {
                w.Line($"// Columns 0 … {blocks * ValueBlockVectors * lanes - 1} in {blocks} block(s) of {ValueBlockVectors} vectors of {lanes} lanes.");
                using (w.Block($"for (nuint column = 0; column < {blocks * ValueBlockVectors * lanes}; column += {ValueBlockVectors * lanes})"))
                {
                    WriteRowValueVectors(w, spec, width, ValueBlockVectors, "column");
                }

                if (remainder > 0)
                {
                    w.Line($"// Columns {blocks * ValueBlockVectors * lanes} … {vectors * lanes - 1}: {remainder} more vector(s).");
                    using (w.Block())
                    {
                        WriteRowValueVectors(w, spec, width, remainder, (blocks * ValueBlockVectors * lanes).ToString());
                    }
                }
            }
            else
            {
                w.Line($"// Columns 0 … {vectors * lanes - 1}: {vectors} vector(s) of {lanes} lanes, in registers across every key.");
                WriteRowValueVectors(w, spec, width, vectors, "0");
            }

            if (tail > 0)
            {
                WriteTailColumns(w, spec, vectors * lanes);
            }

            w.Line("return;");
        }

        w.Line();
    }

    /// <summary><paramref name="count"/> output vectors starting at column <paramref name="start"/>, summed over every key.</summary>
    private static void WriteRowValueVectors(CodeWriter w, KernelSpec spec, VectorWidth width, int count, string start)
    {
        string vector = width.Of(spec.ComputeName);
        string s = width.TypeName;
        int lanes = width.Lanes(spec.ElementSize);
        string At(int v) => Offset(start, v * lanes);
        // Few output vectors make few dependency chains, each a multiply-add's latency per key: keys then go in pairs, each
        // into sums of its own (Half rows are widened one at a time through one scratch row, so they stay single).
        bool paired = 2 * count <= ValueBlockVectors && !IsHalf(spec);
        string[] sets = paired ? new[] { "sum", "nextSum" } : new[] { "sum" };
        foreach (string set in sets)
        {
            for (int v = 0; v < count; v++)
            {
                w.Line($"{vector} {set}{v} = {vector}.Zero;");
            }
        }

        if (paired)
        {
            w.Line("int key = 0;");
            using (w.Block("for (; key < keyCount - 1; key += 2)"))
            {
                WriteKeyIntoSums(w, spec, width, count, start, "key", "sum");
                WriteKeyIntoSums(w, spec, width, count, start, "key + 1", "nextSum");
            }

            using (w.Block("if (key < keyCount)"))
            {
                WriteKeyIntoSums(w, spec, width, count, start, "key", "sum");
            }
        }
        else
        {
            using (w.Block("for (int j = 0; j < keyCount; j++)"))
            {
                WriteKeyIntoSums(w, spec, width, count, start, "j", "sum");
            }
        }

        for (int v = 0; v < count; v++)
        {
            string offset = At(v) == "0" ? "" : $", {At(v)}";
            string sum = paired ? $"(sum{v} + nextSum{v})" : $"sum{v}";
            w.Line($"{s}.StoreUnsafe({sum} * normalizer, ref output{offset});");
        }
    }

    /// <summary>Adds key <paramref name="key"/>'s value row, times its probability, into the sums named <paramref name="set"/>.</summary>
    private static void WriteKeyIntoSums(CodeWriter w, KernelSpec spec, VectorWidth width, int count, string start, string key, string set)
    {
        string vector = width.Of(spec.ComputeName);
        string s = width.TypeName;
        int lanes = width.Lanes(spec.ElementSize);
        string row = set == "sum" ? "valueRow" : "nextValueRow";
        string probability = set == "sum" ? "p" : "nextP";
        w.Line(RowReference(spec, row, $"Add(ref values, {ValueRowOffset(spec, key)})", "ValueDim", "valueScratch"));
        w.Line($"{vector} {probability} = {s}.Create(Add(ref probabilities, {key}));");
        for (int v = 0; v < count; v++)
        {
            string column = Offset(start, v * lanes);
            string load = column == "0" ? $"{s}.LoadUnsafe(ref {row})" : $"{s}.LoadUnsafe(ref {row}, {column})";
            w.Line($"{set}{v} = {s}.MultiplyAddEstimate({probability}, {load}, {set}{v});");
        }
    }

    /// <summary>The columns after the last whole vector, each with a scalar accumulator.</summary>
    private static void WriteTailColumns(CodeWriter w, KernelSpec spec, int first)
    {
        string t = spec.ComputeName;
        int count = spec.ValueDim - first;
        w.Line($"// Columns {first} … {spec.ValueDim - 1}: {count} element(s) one by one.");
        for (int c = 0; c < count; c++)
        {
            w.Line($"{t} tail{c} = {spec.Literal(0)};");
        }

        using (w.Block("for (int j = 0; j < keyCount; j++)"))
        {
            w.Line(RowReference(spec, "valueRow", $"Add(ref values, {ValueRowOffset(spec)})", "ValueDim", "valueScratch"));
            w.Line($"{t} p = Add(ref probabilities, j);");
            for (int c = 0; c < count; c++)
            {
                w.Line($"tail{c} += p * Add(ref valueRow, {first + c});");
            }
        }

        for (int c = 0; c < count; c++)
        {
            w.Line($"Add(ref output, {first + c}) = tail{c} * normalizer;");
        }
    }

    /// <summary>Where the value row of the <c>j</c>-th attended key starts.</summary>
    private static string ValueRowOffset(KernelSpec spec, string key = "j")
        => spec.MasksPerKey ? $"Add(ref attended, {key}) * ValueRowStride" : key.Contains(" ") ? $"({key}) * ValueRowStride" : $"{key} * ValueRowStride";

    /// <summary><c>start + offset</c> as a short expression: <c>0</c>, <c>16</c>, <c>column</c> or <c>column + 16</c>.</summary>
    private static string Offset(string start, int offset)
    {
        if (int.TryParse(start, out int constant))
        {
            return (constant + offset).ToString();
        }

        return offset == 0 ? start : $"{start} + {offset}";
    }
}
