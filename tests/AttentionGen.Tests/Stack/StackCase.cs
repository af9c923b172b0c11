using System;
using System.Collections.Generic;
using System.Linq;
using AttentionGen.Tests.Support;

namespace AttentionGen.Tests.Stack;

/// <summary>
/// A large call whose stack use is put to the test: <see cref="Prepare"/> makes its inputs and returns the call itself,
/// which writes its output to the array it returns; <see cref="StackBytes"/> is what the kernel says it uses at most.
/// </summary>
public sealed record StackCase(string Name, int StackBytes, Func<(Action Call, Func<double[]> Output)> Prepare)
{
    public static readonly IReadOnlyList<StackCase> All = new StackCase[]
    {
        Of(nameof(Wide512), Wide512.StackBytes, r =>
        {
            float[] q = Input(r, Wide512.QueryLength), k = Input(r, Wide512.KeyLength), v = Input(r, Wide512.ValueLength);
            float[] o = new float[Wide512.OutputLength];
            return (() => Wide512.Compute(q, k, v, o), () => Widen(o));
        }),
        Of(nameof(Decode8192), Decode8192.StackBytes, r =>
        {
            float[] q = Input(r, Decode8192.QueryLength), k = Input(r, Decode8192.KeyLength), v = Input(r, Decode8192.ValueLength);
            float[] o = new float[Decode8192.OutputLength];
            return (() => Decode8192.Compute(q, k, v, validKeys: 8000, causalOffset: 7999, o), () => Widen(o));
        }),
        Of(nameof(Half4096), Half4096.StackBytes, r =>
        {
            Half[] q = Halves(r, Half4096.QueryLength), k = Halves(r, Half4096.KeyLength), v = Halves(r, Half4096.ValueLength);
            Half[] o = new Half[Half4096.OutputLength];
            return (() => Half4096.Compute(q, k, v, o), () => o.Select(x => (double)x).ToArray());
        }),
        Of(nameof(AdditiveDouble512), AdditiveDouble512.StackBytes, r =>
        {
            double[] q = Doubles(r, AdditiveDouble512.QueryLength), k = Doubles(r, AdditiveDouble512.KeyLength), v = Doubles(r, AdditiveDouble512.ValueLength);
            double[] wq = Doubles(r, AdditiveDouble512.QueryProjectionLength), wk = Doubles(r, AdditiveDouble512.KeyProjectionLength);
            double[] w = Doubles(r, AdditiveDouble512.ScoreVectorLength), o = new double[AdditiveDouble512.OutputLength];
            return (() => AdditiveDouble512.Compute(q, k, v, wq, wk, w, o), () => o);
        }),
        Of(nameof(Double8192), Double8192.StackBytes, r =>
        {
            double[] q = Doubles(r, Double8192.QueryLength), k = Doubles(r, Double8192.KeyLength), v = Doubles(r, Double8192.ValueLength);
            double[] o = new double[Double8192.OutputLength];
            return (() => Double8192.Compute(q, k, v, o), () => o);
        }),
        Of(nameof(Wide4096), Wide4096.StackBytes, r =>
        {
            float[] q = Input(r, Wide4096.QueryLength), k = Input(r, Wide4096.KeyLength), v = Input(r, Wide4096.ValueLength);
            float[] o = new float[Wide4096.OutputLength];
            return (() => Wide4096.Compute(q, k, v, o), () => Widen(o));
        }),
        Of(nameof(StackResident), StackResident.StackBytes, r =>
        {
            float[] q = Input(r, StackResident.QueryLength), k = Input(r, StackResident.KeyLength), v = Input(r, StackResident.ValueLength);
            bool[] mask = Enumerable.Range(0, StackResident.SeqLen * StackResident.KeySeqLen).Select(_ => r.Next(4) != 0).ToArray();
            float[] o = new float[StackResident.OutputLength];
            return (() => StackResident.Compute(q, k, v, mask, o), () => Widen(o));
        }),
        Of(nameof(WideLayer), WideLayer.StackBytes, r =>
        {
            float[] x = Input(r, WideLayer.QueryLength), inW = Input(r, WideLayer.InProjWeightLength, 0.05f), inB = Input(r, WideLayer.InProjBiasLength);
            float[] outW = Input(r, WideLayer.OutProjWeightLength, 0.05f), outB = Input(r, WideLayer.OutProjBiasLength);
            float[] o = new float[WideLayer.OutputLength], scratch = new float[WideLayer.ScratchLength];
            return (() => WideLayer.Forward(x, x, x, inW, inB, outW, outB, o, scratch), () => Widen(o));
        }),
        Of("Generic512x128", Attention.StackBytes, r =>
        {
            var d = new AttentionDescriptor { HeadDim = 128, SeqLen = 512 };
            float[] q = Input(r, d.QueryLength), k = Input(r, d.KeyLength), v = Input(r, d.ValueLength), o = new float[d.OutputLength];
            return (() => Attention.Compute<float>(d, q, k, v, o), () => Widen(o));
        }),
        Of("GenericMasked8192", Attention.StackBytes, r =>
        {
            var d = new AttentionDescriptor { HeadDim = 64, SeqLen = 4, KeySeqLen = 8192, Mask = AttentionMask.Boolean };
            float[] q = Input(r, d.QueryLength), k = Input(r, d.KeyLength), v = Input(r, d.ValueLength), o = new float[d.OutputLength];
            bool[] mask = Enumerable.Range(0, d.SeqLen * d.KeySeqLen).Select(_ => r.Next(4) != 0).ToArray();
            float[] w = new float[d.WeightsLength];
            return (() => Attention.Compute<float>(d, q, k, v, o, w, mask: mask), () => Widen(o));
        }),
    };

    public static StackCase Named(string name) => All.Single(c => c.Name == name);

    public override string ToString() => Name;

    private static StackCase Of(string name, int stackBytes, Func<Random, (Action, Func<double[]>)> prepare)
        => new(name, stackBytes, () => prepare(TestData.RandomFor(name)));

    private static float[] Input(Random random, int length, float magnitude = 1) => TestData.Uniform(random, length, magnitude);

    private static double[] Doubles(Random random, int length) => Widen(TestData.Uniform(random, length));

    private static Half[] Halves(Random random, int length) => TestData.Uniform(random, length).Select(x => (Half)x).ToArray();

    private static double[] Widen(float[] values) => values.Select(x => (double)x).ToArray();
}
