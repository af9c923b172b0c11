using System;
using System.Linq;
using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Emit;

/// <summary>
/// The score functions of one query row and one key row, <c>Score</c> (and the Gaussian score's <c>Affinity</c>): the
/// row-at-a-time strategy's scores, and every strategy's weights at an earlier stage. The unrolling depends on the lanes,
/// so each width has its own copy.
/// </summary>
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
        WriteScoreFunction(w, spec, "Score", spec.Score, "ScoreFactor");
        if (spec.IsGaussian)
        {
            WriteScoreFunction(w, spec, "Affinity", AttentionScore.DotProduct, "AffinityFactor");
        }
    }

    /// <summary>One score function named <paramref name="name"/>: <paramref name="factor"/> times the raw <paramref name="kind"/> score.</summary>
    private static void WriteScoreFunction(CodeWriter w, KernelSpec spec, string name, AttentionScore kind, string factor)
    {
        string t = spec.ComputeName;
        (string what, string lengthName, int length) = kind switch
        {
            AttentionScore.Gaussian => ("‖q − k‖²", "HeadDim", spec.HeadDim),
            AttentionScore.Additive => ("w·tanh(q + k) of the projected rows", "HiddenDim", spec.HiddenDim),
            _ => ("q·k", "HeadDim", spec.HeadDim),
        };
        w.Line($"/// <summary>{factor} · {what} over {lengthName} = {length} elements.</summary>");
        w.Line(AggressiveInlining);
        using (w.Block(kind == AttentionScore.Additive
            ? $"private static {t} {name}(ref {t} query, ref {t} key, ref {t} scoreVector)"
            : $"private static {t} {name}(ref {t} query, ref {t} key)"))
        {
            foreach (VectorWidth width in VectorWidth.All.Where(width => width.Lanes(spec.ElementSize) <= length))
            {
                WriteScoreForWidth(w, spec, width, length, kind, factor);
            }

            w.Line("// No SIMD: a scalar loop.");
            w.Line($"{t} sum = {spec.Literal(0)};");
            using (w.Block($"for (int i = 0; i < {lengthName}; i++)"))
            {
                WriteScalarTerm(w, kind, spec, "sum", "i");
            }

            w.Line($"return {factor} * sum;");
        }

        w.Line();
    }

    private static void WriteScoreForWidth(CodeWriter w, KernelSpec spec, VectorWidth width, int length, AttentionScore kind, string factor)
    {
        string t = spec.ComputeName;
        int lanes = width.Lanes(spec.ElementSize);
        int vectors = length / lanes;
        int tail = length % lanes;
        int chains = Math.Min(vectors, ReductionChains);
        string vector = width.Of(t);

        using (w.Block($"if ({width.TypeName}.IsHardwareAccelerated)"))
        {
            w.Line($"// {vectors} vector(s) of {lanes} lanes{(tail > 0 ? $", then {tail} element(s) one by one" : string.Empty)}; {chains} independent accumulator(s).");
            int unrolledFrom = 0;
            if (vectors <= MaxUnrolledReductionVectors)
            {
                for (int chain = 0; chain < chains; chain++)
                {
                    w.Line($"{vector} sum{chain} = {Term(width, kind, (chain * lanes).ToString(), null)};");
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

                using (w.Block($"for (nuint i = 0; i < {blocked * lanes}; i += {ReductionChains * lanes})"))
                {
                    for (int chain = 0; chain < chains; chain++)
                    {
                        w.Line($"sum{chain} = {Term(width, kind, chain == 0 ? "i" : $"i + {chain * lanes}", $"sum{chain}")};");
                    }
                }

                unrolledFrom = blocked;
            }

            for (int v = unrolledFrom; v < vectors; v++)
            {
                w.Line($"sum{v % chains} = {Term(width, kind, (v * lanes).ToString(), $"sum{v % chains}")};");
            }

            w.Line($"{t} total = {width.TypeName}.Sum({PairwiseSum(Enumerable.Range(0, chains).Select(c => $"sum{c}").ToArray())});");
            for (int i = vectors * lanes; i < length; i++)
            {
                WriteScalarTerm(w, kind, spec, "total", i.ToString());
            }

            w.Line($"return {factor} * total;");
        }

        w.Line();
    }

    /// <summary>
    /// One vector's contribution at <paramref name="offset"/>: the product, the squared difference, or the additive
    /// score's <c>w·tanh(q + k)</c>, fused into <paramref name="accumulator"/> when there is one.
    /// </summary>
    private static string Term(VectorWidth width, AttentionScore kind, string offset, string? accumulator)
    {
        string Load(string row) => offset == "0" ? $"{width.TypeName}.LoadUnsafe(ref {row})" : $"{width.TypeName}.LoadUnsafe(ref {row}, {offset})";
        switch (kind)
        {
            case AttentionScore.Gaussian:
                string square = $"VectorMath.Square({Load("query")} - {Load("key")})";
                return accumulator is null ? square : $"{accumulator} + {square}";
            case AttentionScore.Additive:
                string tanh = $"VectorMath.Tanh({Load("query")} + {Load("key")})";
                return accumulator is null ? $"{Load("scoreVector")} * {tanh}" : $"{width.TypeName}.MultiplyAddEstimate({Load("scoreVector")}, {tanh}, {accumulator})";
            default:
                return accumulator is null ? $"{Load("query")} * {Load("key")}" : $"{width.TypeName}.MultiplyAddEstimate({Load("query")}, {Load("key")}, {accumulator})";
        }
    }

    private static void WriteScalarTerm(CodeWriter w, AttentionScore kind, KernelSpec spec, string accumulator, string index)
    {
        string q = $"Add(ref query, {index})";
        string k = $"Add(ref key, {index})";
        w.Line(kind switch
        {
            AttentionScore.Gaussian => $"{accumulator} += VectorMath.Square({q} - {k});",
            AttentionScore.Additive => $"{accumulator} += Add(ref scoreVector, {index}) * {spec.MathName}.Tanh({q} + {k});",
            _ => $"{accumulator} += {q} * {k};",
        });
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
