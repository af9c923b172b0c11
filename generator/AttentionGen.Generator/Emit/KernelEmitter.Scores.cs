using System;
using System.Linq;
using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Emit;

internal static partial class KernelEmitter
{
    /// <summary>Vectors a reduction unrolls completely; longer rows loop over blocks of <see cref="ReductionChains"/> vectors.</summary>
    private const int MaxUnrolledReductionVectors = 16;

    /// <summary>Independent accumulators of a reduction, so consecutive multiply-adds do not wait on each other.</summary>
    private const int ReductionChains = 4;

    /// <summary>
    /// <c>Score(query, key)</c>: the scaled score of one query row and one key row, its loop over HeadDim unrolled for
    /// each vector width that fits, with the tail written out element by element.
    /// </summary>
    private static void WriteScore(CodeWriter w, KernelSpec spec)
    {
        string t = spec.ComputeName;
        bool gaussian = spec.Score == AttentionScore.Gaussian;
        string what = gaussian ? "‖q − k‖²" : "q·k";
        w.Line($"/// <summary>ScoreFactor · {what} over HeadDim = {spec.HeadDim} elements.</summary>");
        w.Line(AggressiveInlining);
        w.Open($"private static {t} Score(ref {t} query, ref {t} key)");
        foreach (VectorWidth width in VectorWidth.All.Where(width => width.Lanes(spec.ElementSize) <= spec.HeadDim))
        {
            WriteScoreForWidth(w, spec, width, gaussian);
        }

        w.Line($"// No SIMD: a scalar loop.");
        w.Line($"{t} sum = {spec.Literal(0)};");
        w.Open("for (int i = 0; i < HeadDim; i++)");
        WriteScalarTerm(w, "sum", "i", gaussian);
        w.Close();
        w.Line("return ScoreFactor * sum;");
        w.Close();
        w.Line();
    }

    private static void WriteScoreForWidth(CodeWriter w, KernelSpec spec, VectorWidth width, bool gaussian)
    {
        string t = spec.ComputeName;
        int lanes = width.Lanes(spec.ElementSize);
        int vectors = spec.HeadDim / lanes;
        int tail = spec.HeadDim % lanes;
        int chains = Math.Min(vectors, ReductionChains);
        string vector = width.Of(t);

        w.Open($"if ({width.Static}.IsHardwareAccelerated)");
        w.Line($"// {vectors} vector(s) of {lanes} lanes{(tail > 0 ? $", then {tail} element(s) one by one" : string.Empty)}; {chains} independent accumulator(s).");
        int unrolledFrom = 0;
        if (vectors <= MaxUnrolledReductionVectors)
        {
            for (int chain = 0; chain < chains; chain++)
            {
                w.Line($"{vector} sum{chain} = {Term(width, spec, (chain * lanes).ToString(), gaussian, null)};");
            }

            unrolledFrom = chains;
        }
        else
        {
            int blocked = vectors / ReductionChains * ReductionChains;
            for (int chain = 0; chain < chains; chain++)
            {
                w.Line($"{vector} sum{chain} = {vector}.Zero;");
            }

            w.Open($"for (nuint i = 0; i < {blocked * lanes}; i += {ReductionChains * lanes})");
            for (int chain = 0; chain < chains; chain++)
            {
                w.Line($"sum{chain} = {Term(width, spec, chain == 0 ? "i" : $"i + {chain * lanes}", gaussian, $"sum{chain}")};");
            }

            w.Close();
            unrolledFrom = blocked;
        }

        for (int v = unrolledFrom; v < vectors; v++)
        {
            w.Line($"sum{v % chains} = {Term(width, spec, (v * lanes).ToString(), gaussian, $"sum{v % chains}")};");
        }

        w.Line($"{t} total = {width.Static}.Sum({PairwiseSum(Enumerable.Range(0, chains).Select(c => $"sum{c}").ToArray())});");
        for (int i = vectors * lanes; i < spec.HeadDim; i++)
        {
            WriteScalarTerm(w, "total", i.ToString(), gaussian);
        }

        w.Line("return ScoreFactor * total;");
        w.Close();
        w.Line();
    }

    /// <summary>
    /// One vector's contribution at <paramref name="offset"/>: the product (or squared difference), fused into
    /// <paramref name="accumulator"/> when there is one.
    /// </summary>
    private static string Term(VectorWidth width, KernelSpec spec, string offset, bool gaussian, string? accumulator)
    {
        string q = offset == "0" ? $"{width.Static}.LoadUnsafe(ref query)" : $"{width.Static}.LoadUnsafe(ref query, {offset})";
        string k = offset == "0" ? $"{width.Static}.LoadUnsafe(ref key)" : $"{width.Static}.LoadUnsafe(ref key, {offset})";
        if (gaussian)
        {
            string square = $"{Kernels}.VectorMath.Square({q} - {k})";
            return accumulator is null ? square : $"{accumulator} + {square}";
        }

        return accumulator is null ? $"{q} * {k}" : $"{width.Static}.MultiplyAddEstimate({q}, {k}, {accumulator})";
    }

    private static void WriteScalarTerm(CodeWriter w, string accumulator, string index, bool gaussian)
    {
        string q = $"{Unsafe}.Add(ref query, {index})";
        string k = $"{Unsafe}.Add(ref key, {index})";
        w.Line(gaussian ? $"{accumulator} += {Kernels}.VectorMath.Square({q} - {k});" : $"{accumulator} += {q} * {k};");
    }

    /// <summary><c>(sum0 + sum1) + (sum2 + sum3)</c>: a balanced sum of the accumulators.</summary>
    private static string PairwiseSum(string[] terms)
    {
        while (terms.Length > 2)
        {
            terms = Enumerable.Range(0, (terms.Length + 1) / 2)
                .Select(i => 2 * i + 1 < terms.Length ? $"({terms[2 * i]} + {terms[2 * i + 1]})" : terms[2 * i])
                .ToArray();
        }

        return terms.Length == 2 ? $"{terms[0]} + {terms[1]}" : terms[0];
    }
}
