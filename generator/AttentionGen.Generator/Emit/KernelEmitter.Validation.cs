using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Emit;

internal static partial class KernelEmitter
{
    /// <summary>The argument checks, run in full before anything is written.</summary>
    private static void WriteValidation(CodeWriter w, KernelSpec spec)
    {
        string t = spec.ElementName;
        string guard = Kernels + ".KernelGuard";

        w.Line("/// <summary>Checks every span's length, the run-time mask arguments, and that <c>output</c> overlaps no input.</summary>");
        w.Open($"private static void ValidateArguments(global::System.ReadOnlySpan<{t}> query, global::System.ReadOnlySpan<{t}> key, global::System.ReadOnlySpan<{t}> value, {(spec.HasKeyPadding ? "int validKeys, " : "")}global::System.Span<{t}> output)");
        w.Line($"{guard}.RequireLength(query, QueryLength, QueryShape, nameof(query));");
        w.Line($"{guard}.RequireLength(key, KeyLength, KeyShape, nameof(key));");
        w.Line($"{guard}.RequireLength(value, ValueLength, ValueShape, nameof(value));");
        w.Line($"{guard}.RequireLength<{t}>(output, OutputLength, OutputShape, nameof(output));");
        if (spec.HasKeyPadding)
        {
            w.Line($"{guard}.RequireValidKeys(validKeys, KeySeqLen, nameof(validKeys));");
        }

        foreach (string input in new[] { "query", "key", "value" })
        {
            w.Line($"{guard}.RequireDisjoint<{t}>(output, {input}, nameof(output), nameof({input}));");
        }

        w.Close();
        w.Line();

        w.Line("/// <summary>Checks the <c>weights</c> span's length, and that it overlaps neither an input nor <c>output</c>.</summary>");
        w.Open($"private static void ValidateWeights(global::System.ReadOnlySpan<{t}> query, global::System.ReadOnlySpan<{t}> key, global::System.ReadOnlySpan<{t}> value, global::System.Span<{t}> output, global::System.Span<{t}> weights)");
        w.Line($"{guard}.RequireLength<{t}>(weights, WeightsLength, WeightsShape, nameof(weights));");
        foreach (string other in new[] { "query", "key", "value", "output" })
        {
            w.Line($"{guard}.RequireDisjoint<{t}>(weights, {other}, nameof(weights), nameof({other}));");
        }

        w.Close();
        w.Line();
    }
}
