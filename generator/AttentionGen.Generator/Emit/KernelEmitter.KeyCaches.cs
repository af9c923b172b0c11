using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Emit;

/// <summary>
/// Per-key values computed when a row first attends a key and kept for the rest of the key/value head: the additive
/// score's projected keys (<c>ProjectedKey</c>) and the Gaussian score's half norms (<c>KeyHalfNorm</c>).
/// </summary>
internal static partial class KernelEmitter
{
    /// <summary><c>KeyHalfNorm</c>: <c>Scale·‖k_j‖²/2</c>.</summary>
    private static void WriteKeyHalfNormMethod(CodeWriter w, KernelSpec spec)
    {
        string t = spec.ComputeName;
        w.Line("/// <summary><c>Scale·‖k‖²/2</c> of key row <paramref name=\"j\"/>, computed when first needed and kept for the rest of the head.</summary>");
        var parameters = new System.Collections.Generic.List<string> { "int j", $"ref {spec.ElementName} headKeys", $"Span<{t}> keyHalfNorms", "Span<bool> hasNorm" };
        if (IsHalf(spec))
        {
            parameters.Add("Span<float> keyScratch");
        }

        w.List($"private static {t} KeyHalfNorm", parameters, "");
        using (w.Block())
        {
            using (w.Block("if (!hasNorm[j])"))
            {
                w.Line(RowReference(spec, "keyRow", "Add(ref headKeys, j * KeyRowStride)", "HeadDim", "keyScratch"));
                w.Line($"keyHalfNorms[j] = {spec.Literal(0.5)} * Affinity(ref keyRow, ref keyRow);");
                w.Line("hasNorm[j] = true;");
            }

            w.Line("return keyHalfNorms[j];");
        }

        w.Line();
    }

    /// <summary><c>ProjectedKey</c>: <c>W_k</c> times key row <c>j</c>.</summary>
    private static void WriteProjectedKeyMethod(CodeWriter w, KernelSpec spec)
    {
        string t = spec.ComputeName;
        string e = spec.ElementName;
        w.Line("/// <summary>");
        w.Line("/// <c>W_k</c> times key row <paramref name=\"j\"/>, projected when first needed and kept for the rest of the head, with");
        w.Line("/// its exponentials (<c>keyFits[j]</c> says whether they could be formed).");
        w.Line("/// </summary>");
        var parameters = new System.Collections.Generic.List<string>
        {
            "int j", $"ref {e} headKeys", $"ReadOnlySpan<{t}> keyProjectionT", $"Span<{t}> projectedKeys", "Span<bool> isProjected",
            $"Span<{t}> keyExponentials", "Span<bool> keyFits",
        };
        if (IsHalf(spec))
        {
            parameters.Add("Span<float> keyScratch");
        }

        w.List($"private static ref {t} ProjectedKey", parameters, "");
        using (w.Block())
        {
            w.Line($"Span<{t}> projected = projectedKeys.Slice(j * HiddenDim, HiddenDim);");
            using (w.Block("if (!isProjected[j])"))
            {
                w.Line(RowReference(spec, "keyRow", "Add(ref headKeys, j * KeyRowStride)", "KeyDim", "keyScratch"));
                w.Line($"Projection.MultiplyRowTransposed<{t}>(keyProjectionT, CreateReadOnlySpan(ref keyRow, KeyDim), projected);");
                w.Line($"keyFits[j] = AdditiveTanh.KeyExponentials<{t}>(projected, keyExponentials, KeySeqLen, j);");
                w.Line("isProjected[j] = true;");
            }

            w.Line("return ref GetReference(projected);");
        }

        w.Line();
    }
}
