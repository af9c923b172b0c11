using System.Collections.Generic;
using System.Linq;
using AttentionGen.Generator.Model;
using AttentionGen.Generator.Parsing;

namespace AttentionGen.Generator.Diagnostics;

/// <summary>
/// The rules a <c>[MultiHeadAttention]</c> declaration must satisfy: the class rules every kernel has, its own
/// dimensions, and the rules of the per-head kernel it is built on (checked on that kernel's declaration, so the two
/// cannot disagree).
/// </summary>
internal static class LayerValidator
{
    public static bool IsValid(LayerDeclaration declaration) => !Validate(declaration).Any();

    public static IEnumerable<KernelProblem> Validate(LayerDeclaration d)
    {
        foreach (KernelProblem problem in KernelValidator.ValidateHost(d.Host))
        {
            yield return problem;
        }

        KernelProblem?[] dimensions =
        {
            KernelValidator.Required("ModelDim", d.ModelDim, AttentionLimits.MaxWidth * AttentionLimits.MaxHeads),
            KernelValidator.Required("Heads", d.Heads, AttentionLimits.MaxHeads),
            KernelValidator.Required("SeqLen", d.SeqLen, AttentionLimits.MaxSeqLen),
            KernelValidator.Optional("KeySeqLen", d.KeySeqLen, AttentionLimits.MaxKeySeqLen, "SeqLen"),
        };
        if (dimensions.Any(problem => problem is not null))
        {
            foreach (KernelProblem problem in dimensions.OfType<KernelProblem>())
            {
                yield return problem;
            }

            yield break;
        }

        if (d.ModelDim % d.Heads != 0)
        {
            int[] divisors = Enumerable.Range(1, System.Math.Min(d.ModelDim, AttentionLimits.MaxHeads)).Where(h => d.ModelDim % h == 0).ToArray();
            yield return new KernelProblem(DiagnosticDescriptors.HeadsMustDivideModelDim, "Heads",
                KernelValidator.Format(d.Heads), KernelValidator.Format(d.ModelDim), string.Join(", ", divisors))
            {
                Replacements = KernelValidator.Nearest(divisors, d.Heads),
            };
            yield break;
        }

        if (d.Score == (int)AttentionScore.Additive)
        {
            yield return new KernelProblem(DiagnosticDescriptors.ContradictoryOptions, "Score", "Score", "Additive",
                "[MultiHeadAttention], whose heads have no additive projections", "ScaledDotProduct, DotProduct, Gaussian");
            yield break;
        }

        // The heads are an attention kernel: its rules (mask values, element type, limits) apply as they are.
        foreach (KernelProblem problem in KernelValidator.Validate(HeadsDeclaration(d)))
        {
            yield return problem;
        }
    }

    /// <summary>The per-head kernel a valid layer is built on, as if declared with <c>[AttentionKernel]</c>.</summary>
    public static KernelDeclaration HeadsDeclaration(LayerDeclaration d) => new(
        Host: d.Host with { ClassName = LayerSpec.HeadsClassName, IsStaticPartial = true, NonPartialContainer = null, GenericType = null },
        HeadDim: d.Heads > 0 ? d.ModelDim / d.Heads : 0,
        SeqLen: d.SeqLen,
        KeySeqLen: d.KeySeqLen,
        ValueDim: 0,
        Heads: d.Heads,
        KeyValueHeads: 0,
        Score: d.Score,
        Scale: 0,
        Softcap: 0,
        Mask: d.Mask,
        Layout: (int)AttentionLayout.Interleaved,
        HiddenDim: 0,
        KeyDim: 0,
        LeftWindow: d.LeftWindow,
        RightWindow: d.RightWindow,
        Sinks: false,
        AlibiMaxBias: d.AlibiMaxBias,
        Element: d.Element,
        ElementTypeName: d.ElementTypeName);
}
