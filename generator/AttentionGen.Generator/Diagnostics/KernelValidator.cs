using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AttentionGen.Generator.Model;
using AttentionGen.Generator.Parsing;

namespace AttentionGen.Generator.Diagnostics;

/// <summary>
/// The rules a declaration must satisfy. The analyzer reports each problem; the generator emits nothing for a
/// declaration that has any, so an invalid declaration never gets broken code.
/// </summary>
internal static class KernelValidator
{
    private const string Supported = "typeof(float), typeof(double), typeof(Half)";

    public static bool IsValid(KernelDeclaration declaration) => !Validate(declaration).Any();

    public static IEnumerable<KernelProblem> Validate(KernelDeclaration d)
        => ValidateHost(d.Host).Concat(ValidateDimensions(d)).Concat(ValidateOptions(d));

    /// <summary>The rules for the annotated class itself, shared by every attribute the generator serves.</summary>
    public static IEnumerable<KernelProblem> ValidateHost(TypeHost host)
    {
        if (host.Unextendable is not null)
        {
            yield return new KernelProblem(DiagnosticDescriptors.TypeCannotBeExtended, null, host.Unextendable);
        }
        else if (!host.IsStaticPartial)
        {
            yield return new KernelProblem(DiagnosticDescriptors.ClassMustBeStaticPartial, null, host.ClassName);
        }

        if (host.HasBothAttributes)
        {
            yield return new KernelProblem(DiagnosticDescriptors.BothAttributes, null, host.ClassName);
        }

        if (host.CollidingMember is not null)
        {
            yield return new KernelProblem(DiagnosticDescriptors.MemberCollidesWithGenerated, null, host.CollidingMember, host.ClassName)
            {
                Site = host.CollidingMember,
            };
        }

        if (host.NonPartialContainer is not null)
        {
            yield return new KernelProblem(DiagnosticDescriptors.ContainingTypeMustBePartial, null, host.NonPartialContainer, host.ClassName)
            {
                Site = host.NonPartialContainer,
            };
        }

        if (host.GenericType is not null)
        {
            yield return new KernelProblem(DiagnosticDescriptors.TypeMustNotBeGeneric, null, host.GenericType) { Site = host.GenericType };
        }
    }

    private static IEnumerable<KernelProblem> ValidateDimensions(KernelDeclaration d)
    {
        KernelProblem? problem =
            Required("HeadDim", d.HeadDim, AttentionLimits.MaxWidth)
            ?? Required("SeqLen", d.SeqLen, AttentionLimits.MaxSeqLen);
        if (problem is not null)
        {
            yield return problem;
        }

        foreach (KernelProblem optional in new[]
        {
            Optional("KeySeqLen", d.KeySeqLen, AttentionLimits.MaxKeySeqLen, "SeqLen"),
            Optional("ValueDim", d.ValueDim, AttentionLimits.MaxWidth, "HeadDim"),
            Optional("Heads", d.Heads, AttentionLimits.MaxHeads, "1"),
            Optional("KeyValueHeads", d.KeyValueHeads, AttentionLimits.MaxHeads, "Heads"),
            Optional("HiddenDim", d.HiddenDim, AttentionLimits.MaxWidth, "unset"),
            Optional("KeyDim", d.KeyDim, AttentionLimits.MaxWidth, "HeadDim"),
        }.OfType<KernelProblem>())
        {
            yield return optional;
        }

        int heads = d.Heads == 0 ? 1 : d.Heads;
        int kvHeads = d.KeyValueHeads == 0 ? heads : d.KeyValueHeads;
        if (kvHeads > 0 && heads > 0 && heads % kvHeads != 0 && kvHeads <= AttentionLimits.MaxHeads)
        {
            int[] divisors = Enumerable.Range(1, heads).Where(x => heads % x == 0).ToArray();
            yield return new KernelProblem(DiagnosticDescriptors.KeyValueHeadsMustDivideHeads, "KeyValueHeads", Format(kvHeads), Format(heads), string.Join(", ", divisors))
            {
                Replacements = Nearest(divisors, kvHeads),
            };
        }

        long widest = System.Math.Max(System.Math.Max(d.HeadDim, d.ValueDim), d.KeyDim);
        long keys = d.KeySeqLen == 0 ? d.SeqLen : d.KeySeqLen;
        long largestSpan = System.Math.Max((long)heads * d.SeqLen * System.Math.Max(widest, keys), (long)kvHeads * keys * widest);
        if (largestSpan > AttentionLimits.MaxSpanLength)
        {
            yield return new KernelProblem(DiagnosticDescriptors.ValueOutOfRange, null, "The largest span length", largestSpan.ToString(CultureInfo.InvariantCulture),
                "at most " + AttentionLimits.MaxSpanLength.ToString(CultureInfo.InvariantCulture) + " elements");
        }
    }

    private static IEnumerable<KernelProblem> ValidateOptions(KernelDeclaration d)
    {
        if (d.Score is < 0 or > (int)AttentionScore.Gaussian)
        {
            yield return new KernelProblem(DiagnosticDescriptors.ValueOutOfRange, "Score", "Score", Format(d.Score),
                "ScaledDotProduct, DotProduct, Additive, Gaussian");
        }
        else if (d.Score == (int)AttentionScore.Additive && d.HiddenDim == 0)
        {
            yield return new KernelProblem(DiagnosticDescriptors.ContradictoryOptions, "Score", "Score", "Additive",
                "HiddenDim = 0", "Score = Additive with HiddenDim = " + Range(1, AttentionLimits.MaxWidth));
        }
        else if (d.Score == (int)AttentionScore.Additive && (long)(d.KeySeqLen == 0 ? d.SeqLen : d.KeySeqLen) * d.HiddenDim > AttentionLimits.MaxProjectedKeys)
        {
            yield return new KernelProblem(DiagnosticDescriptors.ValueOutOfRange, "HiddenDim", "KeySeqLen · HiddenDim",
                Format((d.KeySeqLen == 0 ? d.SeqLen : d.KeySeqLen) * (long)d.HiddenDim),
                "at most " + Format(AttentionLimits.MaxProjectedKeys) + " (each key's projection is kept for the call)");
        }

        const int allMasks = (int)(AttentionMask.Causal | AttentionMask.KeyPadding | AttentionMask.Boolean | AttentionMask.Additive);
        if ((d.Mask & ~allMasks) != 0)
        {
            yield return new KernelProblem(DiagnosticDescriptors.ValueOutOfRange, "Mask", "Mask", Format(d.Mask),
                "a combination of None, Causal, KeyPadding, Boolean, Additive");
        }

        if (d.Layout is < 0 or > (int)AttentionLayout.Interleaved)
        {
            yield return new KernelProblem(DiagnosticDescriptors.ValueOutOfRange, "Layout", "Layout", Format(d.Layout), "HeadMajor, Interleaved");
        }

        if (double.IsNaN(d.Scale) || double.IsInfinity(d.Scale) || d.Scale < 0)
        {
            yield return new KernelProblem(DiagnosticDescriptors.ValueOutOfRange, "Scale", "Scale", Format(d.Scale),
                "a finite number > 0, or 0 for the score's default");
        }

        if (double.IsNaN(d.Softcap) || double.IsInfinity(d.Softcap) || d.Softcap < 0)
        {
            yield return new KernelProblem(DiagnosticDescriptors.ValueOutOfRange, "Softcap", "Softcap", Format(d.Softcap),
                "a finite number > 0, or 0 for no softcap");
        }

        foreach ((string side, int window) in new[] { ("LeftWindow", d.LeftWindow), ("RightWindow", d.RightWindow) })
        {
            if (window < KernelDeclarationParser.NoWindow)
            {
                yield return new KernelProblem(DiagnosticDescriptors.ValueOutOfRange, side, side, Format(window),
                    "−1 (unbounded, the default), or 0 or more keys beside the row's own position");
            }
        }

        if (double.IsNaN(d.AlibiMaxBias) || double.IsInfinity(d.AlibiMaxBias) || d.AlibiMaxBias < 0)
        {
            yield return new KernelProblem(DiagnosticDescriptors.ValueOutOfRange, "AlibiMaxBias", "AlibiMaxBias", Format(d.AlibiMaxBias),
                "a finite number > 0 (BLOOM and MPT use 8), or 0 for no ALiBi");
        }
        else if (d.AlibiMaxBias > 0 && d.Score == (int)AttentionScore.Additive)
        {
            yield return new KernelProblem(DiagnosticDescriptors.ContradictoryOptions, "AlibiMaxBias", "AlibiMaxBias", Format(d.AlibiMaxBias),
                "Score = Additive", "ALiBi with a dot-product or Gaussian score, or AlibiMaxBias = 0");
        }

        if (d.Element == ElementKind.Unsupported)
        {
            yield return new KernelProblem(DiagnosticDescriptors.UnsupportedElementType, "ElementType", d.ElementTypeName, Supported);
        }

        bool additive = d.Score == (int)AttentionScore.Additive;
        if (!additive && d.HiddenDim != 0)
        {
            yield return new KernelProblem(DiagnosticDescriptors.ContradictoryOptions, "HiddenDim", "HiddenDim", Format(d.HiddenDim),
                "Score = " + ScoreName(d.Score), "HiddenDim only with Score = Additive");
        }

        if (!additive && d.KeyDim != 0 && d.KeyDim != d.HeadDim)
        {
            yield return new KernelProblem(DiagnosticDescriptors.ContradictoryOptions, "KeyDim", "KeyDim", Format(d.KeyDim),
                "Score = " + ScoreName(d.Score), "KeyDim = HeadDim (" + Format(d.HeadDim) + "), or Score = Additive");
        }
    }

    internal static KernelProblem? Required(string name, int value, int max)
        => value is >= 1 && value <= max ? null
            : new KernelProblem(DiagnosticDescriptors.ValueOutOfRange, name, name, Format(value), Range(1, max) + " (required)");

    internal static KernelProblem? Optional(string name, int value, int max, string defaultValue)
        => value == 0 || (value >= 1 && value <= max) ? null
            : new KernelProblem(DiagnosticDescriptors.ValueOutOfRange, name, name, Format(value), Range(1, max) + ", or 0 for the default (" + defaultValue + ")");

    private static string Range(int min, int max) => Format(min) + " to " + Format(max);

    private static string ScoreName(int score) => ((AttentionScore)score).ToString();

    /// <summary>The allowed values nearest to <paramref name="value"/>, the one below first, comma-separated.</summary>
    internal static string Nearest(int[] allowed, int value)
        => string.Join(",", allowed.Where(x => x < value).Reverse().Take(1).Concat(allowed.Where(x => x > value).Take(1)).Select(Format));

    internal static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
