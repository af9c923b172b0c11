using System;
using System.Linq;
using System.Numerics;

namespace AttentionGen.Benchmarks;

/// <summary>
/// One row of the options table at one size: a generated kernel with one option, and the generic path given the same
/// descriptor and inputs. Inputs are made once, when the case is first set up, so a call allocates nothing.
/// </summary>
public sealed class OptionCase
{
    private readonly Func<(Action Generated, Action Generic)> _setUp;
    private (Action Generated, Action Generic)? _calls;

    private OptionCase(string option, int n, Func<(Action Generated, Action Generic)> setUp)
    {
        Option = option;
        N = n;
        _setUp = setUp;
    }

    /// <summary>Each option at n = 256 and n = 1024; "plain" is the float kernel every other row is divided by.</summary>
    public static readonly OptionCase[] All = new[] { 256, 1024 }.SelectMany(Options).ToArray();

    public string Option { get; }

    public int N { get; }

    public Action Generated => (_calls ??= _setUp()).Generated;

    public Action Generic => (_calls ??= _setUp()).Generic;

    public override string ToString() => $"{Option} {N}x64";

    private static OptionCase[] Options(int n) => new[]
    {
        Make<float>("plain", n, n == 256 ? Attention256x64.Descriptor : Plain1024x64.Descriptor, x => n == 256
            ? () => Attention256x64.Compute(x.Query, x.Key, x.Value, x.Output)
            : () => Plain1024x64.Compute(x.Query, x.Key, x.Value, x.Output)),
        Make<Half>("Half", n, n == 256 ? Half256x64.Descriptor : Half1024x64.Descriptor, x => n == 256
            ? () => Half256x64.Compute(x.Query, x.Key, x.Value, x.Output)
            : () => Half1024x64.Compute(x.Query, x.Key, x.Value, x.Output)),
        Make<float>("Causal", n, n == 256 ? Causal256x64.Descriptor : Causal1024x64.Descriptor, x => n == 256
            ? () => Causal256x64.Compute(x.Query, x.Key, x.Value, x.Output)
            : () => Causal1024x64.Compute(x.Query, x.Key, x.Value, x.Output)),
        Make<float>("Boolean, all open", n, n == 256 ? Boolean256x64.Descriptor : Boolean1024x64.Descriptor, x => n == 256
            ? () => Boolean256x64.Compute(x.Query, x.Key, x.Value, x.Mask, x.Output)
            : () => Boolean1024x64.Compute(x.Query, x.Key, x.Value, x.Mask, x.Output)),
        Make<float>("Boolean, causal pattern", n, n == 256 ? Boolean256x64.Descriptor : Boolean1024x64.Descriptor, x => n == 256
            ? () => Boolean256x64.Compute(x.Query, x.Key, x.Value, x.Mask, x.Output)
            : () => Boolean1024x64.Compute(x.Query, x.Key, x.Value, x.Mask, x.Output), causalPattern: true),
        Make<float>("Additive, zeros", n, n == 256 ? Additive256x64.Descriptor : Additive1024x64.Descriptor, x => n == 256
            ? () => Additive256x64.Compute(x.Query, x.Key, x.Value, x.Bias, x.Output)
            : () => Additive1024x64.Compute(x.Query, x.Key, x.Value, x.Bias, x.Output)),
        Make<float>("Additive, ALiBi-like causal bias", n, n == 256 ? Additive256x64.Descriptor : Additive1024x64.Descriptor, x => n == 256
            ? () => Additive256x64.Compute(x.Query, x.Key, x.Value, x.Bias, x.Output)
            : () => Additive1024x64.Compute(x.Query, x.Key, x.Value, x.Bias, x.Output), causalPattern: true),
        Make<float>("Gaussian", n, n == 256 ? Gaussian256x64.Descriptor : Gaussian1024x64.Descriptor, x => n == 256
            ? () => Gaussian256x64.Compute(x.Query, x.Key, x.Value, x.Output)
            : () => Gaussian1024x64.Compute(x.Query, x.Key, x.Value, x.Output)),
        Make<float>("Softcap 30", n, n == 256 ? Softcap256x64.Descriptor : Softcap1024x64.Descriptor, x => n == 256
            ? () => Softcap256x64.Compute(x.Query, x.Key, x.Value, x.Output)
            : () => Softcap1024x64.Compute(x.Query, x.Key, x.Value, x.Output)),
        Make<float>("weights written too", n, n == 256 ? Attention256x64.Descriptor : Plain1024x64.Descriptor, x => n == 256
            ? () => Attention256x64.Compute(x.Query, x.Key, x.Value, x.Output, x.Weights)
            : () => Plain1024x64.Compute(x.Query, x.Key, x.Value, x.Output, x.Weights), withWeights: true),
        Make<double>("double", n, n == 256 ? Double256x64.Descriptor : Double1024x64.Descriptor, x => n == 256
            ? () => Double256x64.Compute(x.Query, x.Key, x.Value, x.Output)
            : () => Double1024x64.Compute(x.Query, x.Key, x.Value, x.Output)),
        Make<float>("Additive score, HiddenDim 64", n, n == 256 ? Bahdanau256x64.Descriptor : Bahdanau1024x64.Descriptor, x => n == 256
            ? () => Bahdanau256x64.Compute(x.Query, x.Key, x.Value, x.QueryProjection, x.KeyProjection, x.ScoreVector, x.Output)
            : () => Bahdanau1024x64.Compute(x.Query, x.Key, x.Value, x.QueryProjection, x.KeyProjection, x.ScoreVector, x.Output)),
    };

    private static OptionCase Make<T>(
        string option, int n, AttentionDescriptor d, Func<Inputs<T>, Action> generated, bool causalPattern = false, bool withWeights = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => new(option, n, () =>
        {
            var x = new Inputs<T>(d, causalPattern, withWeights);
            return (generated(x), () => Attention.Compute<T>(
                d, x.Query, x.Key, x.Value, x.Output, x.Weights, mask: x.Mask, bias: x.Bias,
                queryProjection: x.QueryProjection, keyProjection: x.KeyProjection, scoreVector: x.ScoreVector));
        });

    /// <summary>A case's arrays: uniform values in [−1, 1), masks all open or causal, projections scaled down.</summary>
    private sealed class Inputs<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public Inputs(AttentionDescriptor d, bool causalPattern, bool withWeights)
        {
            var random = new Random(1);
            T[] Fill(int length, double scale) => Enumerable.Range(0, length).Select(_ => T.CreateTruncating((random.NextDouble() * 2 - 1) * scale)).ToArray();
            Query = Fill(d.QueryLength, 1);
            Key = Fill(d.KeyLength, 1);
            Value = Fill(d.ValueLength, 1);
            Output = new T[d.OutputLength];
            Weights = withWeights ? new T[d.Heads * d.SeqLen * d.KeySeqLen] : Array.Empty<T>();
            bool Open(int i) => !causalPattern || i % d.KeySeqLen <= i / d.KeySeqLen;
            // The causal pattern's bias is ALiBi's: −slope · distance below the diagonal (slope 1/16); else zeros.
            T AlibiLike(int i) => causalPattern ? T.CreateTruncating(-(i / d.KeySeqLen - i % d.KeySeqLen) / 16.0) : T.Zero;
            Mask = (d.Mask & AttentionMask.Boolean) != 0 ? Enumerable.Range(0, d.SeqLen * d.KeySeqLen).Select(Open).ToArray() : Array.Empty<bool>();
            Bias = (d.Mask & AttentionMask.Additive) != 0
                ? Enumerable.Range(0, d.SeqLen * d.KeySeqLen).Select(i => Open(i) ? AlibiLike(i) : T.NegativeInfinity).ToArray()
                : Array.Empty<T>();
            bool additive = d.Score == AttentionScore.Additive;
            QueryProjection = additive ? Fill(d.HiddenDim * d.HeadDim, 0.1) : Array.Empty<T>();
            KeyProjection = additive ? Fill(d.HiddenDim * d.KeyDim, 0.1) : Array.Empty<T>();
            ScoreVector = additive ? Fill(d.HiddenDim, 1) : Array.Empty<T>();
        }

        public T[] Query { get; }

        public T[] Key { get; }

        public T[] Value { get; }

        public T[] Output { get; }

        public T[] Weights { get; }

        public bool[] Mask { get; }

        public T[] Bias { get; }

        public T[] QueryProjection { get; }

        public T[] KeyProjection { get; }

        public T[] ScoreVector { get; }
    }
}
