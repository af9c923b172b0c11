using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Emit;

internal static partial class KernelEmitter
{
    /// <summary>The loop over heads and query rows: scores, softmax, value accumulation, and the optional weights.</summary>
    private static void WriteCore(CodeWriter w, KernelSpec spec)
    {
        string t = spec.ElementName;
        w.Line("/// <summary>Runs the kernel on arguments that have passed the checks.</summary>");
        w.Line(AggressiveInlining);
        w.Open($"private static void ComputeCore(global::System.ReadOnlySpan<{t}> query, global::System.ReadOnlySpan<{t}> key, global::System.ReadOnlySpan<{t}> value, "
            + (spec.HasKeyPadding ? "int validKeys, " : "") + (spec.IsCausal ? "int causalOffset, " : "")
            + $"global::System.Span<{t}> output, global::System.Span<{t}> weights)");
        w.Line($"// One row of scores lives on the stack: KeySeqLen × {spec.ElementSize} bytes = {spec.KeySeqLen * spec.ElementSize} bytes.");
        w.Line($"global::System.Span<{t}> scores = stackalloc {t}[KeySeqLen];");
        w.Line($"ref {t} queries = ref {MemoryMarshal}.GetReference(query);");
        w.Line($"ref {t} keys = ref {MemoryMarshal}.GetReference(key);");
        w.Line($"ref {t} values = ref {MemoryMarshal}.GetReference(value);");
        w.Line($"ref {t} outputs = ref {MemoryMarshal}.GetReference(output);");
        w.Open("for (int head = 0; head < Heads; head++)");
        if (spec.IsGrouped)
        {
            w.Line("int keyValueHead = head / GroupSize;");
        }

        string kvHead = spec.IsGrouped ? "keyValueHead" : "head";
        w.Line($"ref {t} headKeys = ref {Unsafe}.Add(ref keys, {kvHead} * KeyHeadStride);");
        w.Line($"ref {t} headValues = ref {Unsafe}.Add(ref values, {kvHead} * ValueHeadStride);");
        w.Open("for (int row = 0; row < SeqLen; row++)");
        w.Line($"ref {t} queryRow = ref {Unsafe}.Add(ref queries, head * QueryHeadStride + row * QueryRowStride);");
        w.Line($"ref {t} outputRow = ref {Unsafe}.Add(ref outputs, head * OutputHeadStride + row * OutputRowStride);");

        string keyCount = "KeySeqLen";
        string keyLimit = spec.HasKeyPadding ? "validKeys" : "KeySeqLen";
        if (spec.IsCausal || spec.HasKeyPadding)
        {
            w.Line();
            w.Line("// The masks keep a prefix of the keys: this row attends keys 0 … keyCount − 1, and never reads the rest.");
            w.Line(spec.IsCausal
                ? $"int keyCount = {Kernels}.SoftmaxRow.CausalKeyCount(row, causalOffset, {keyLimit});"
                : "int keyCount = validKeys;");
            w.Open("if (keyCount == 0)");
            w.Line("// Every key is masked: weights 0 and an output row of 0, never NaN.");
            w.Line($"{MemoryMarshal}.CreateSpan(ref outputRow, ValueDim).Clear();");
            w.Open("if (!weights.IsEmpty)");
            w.Line("weights.Slice((head * SeqLen + row) * KeySeqLen, KeySeqLen).Clear();");
            w.Close();
            w.Line("continue;");
            w.Close();
            keyCount = "keyCount";
        }

        w.Line();
        w.Line("// Phase 1: one score per attended key.");
        w.Line($"global::System.Span<{t}> rowScores = scores.Slice(0, {keyCount});");
        w.Open($"for (int j = 0; j < {keyCount}; j++)");
        w.Line($"rowScores[j] = Score(ref queryRow, ref {Unsafe}.Add(ref headKeys, j * KeyRowStride));");
        w.Close();
        w.Line();
        w.Line(spec.Softcap > 0
            ? "// Phase 2: softcap, then a stable softmax (the row maximum is subtracted); normalising is folded into phase 3."
            : "// Phase 2: a stable softmax (the row maximum is subtracted); normalising is folded into phase 3.");
        w.Line($"{t} normalizer = {Kernels}.SoftmaxRow.Exponentiate(rowScores, {(spec.Softcap > 0 ? "Softcap" : spec.Literal(0))});");
        w.Line();
        w.Line("// Phase 3: the probability-weighted sum of the attended value rows.");
        w.Line($"AccumulateValues(ref {MemoryMarshal}.GetReference(rowScores), {keyCount}, ref headValues, normalizer, ref outputRow);");
        w.Line();
        w.Line("// Phase 4, on request: the probabilities themselves; masked keys get 0.");
        w.Open("if (!weights.IsEmpty)");
        w.Line($"global::System.Span<{t}> weightsRow = weights.Slice((head * SeqLen + row) * KeySeqLen, KeySeqLen);");
        w.Line($"{Kernels}.VectorMath.Multiply<{t}>(rowScores, normalizer, weightsRow);");
        if (keyCount != "KeySeqLen")
        {
            w.Line($"weightsRow.Slice({keyCount}).Clear();");
        }

        w.Close();
        w.Close();
        w.Close();
        w.Close();
        w.Line();
    }
}
