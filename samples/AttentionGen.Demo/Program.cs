using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.Intrinsics;
using AttentionGen;
using AttentionGen.Demo;
using AttentionGen.Tests.Reference;

// Runs each generated kernel and the generic path on the same random inputs, checks both against a plain
// double-precision reference, and times both.
Console.WriteLine($"AttentionGen demo: .NET {Environment.Version}, vector widths on: " +
    $"Vector512 {Vector512.IsHardwareAccelerated}, Vector256 {Vector256.IsHardwareAccelerated}, Vector128 {Vector128.IsHardwareAccelerated}");
Console.WriteLine();

var showcases = new List<Showcase>
{
    new("Tiny16 (16×16, d=16)", new AttentionProblem(16, 16), (q, k, v, o) => Tiny16.Compute(q, k, v, o)),
    new("Encoder64x128 (128×128, d=64)", new AttentionProblem(64, 128), (q, k, v, o) => Encoder64x128.Compute(q, k, v, o)),
    new("Causal64x256 (256×256, d=64, causal)", new AttentionProblem(64, 256, Mask: AttentionMask.Causal),
        (q, k, v, o) => Causal64x256.Compute(q, k, v, o)),
    new("OddCross (4 heads, 7×33, d=17, dv=65)", new AttentionProblem(17, 7, KeySeqLen: 33, ValueDim: 65, Heads: 4),
        (q, k, v, o) => OddCross.Compute(q, k, v, o)),
    new("DecodeGqa (32/8 heads, 1×2048, d=128)",
        new AttentionProblem(128, 1, KeySeqLen: 2048, Heads: 32, KeyValueHeads: 8, Mask: AttentionMask.Causal | AttentionMask.KeyPadding),
        (q, k, v, o) => DecodeGqa.Compute(q, k, v, validKeys: 2048, causalOffset: 2047, o),
        CausalOffset: 2047, ValidKeys: 2048),
};

Console.WriteLine($"{"kernel",-40} {"max |err| generated",20} {"max |err| generic",18} {"generated µs",13} {"generic µs",11} {"speed-up",9}");
foreach (Showcase showcase in showcases)
{
    Run(showcase);
}

static void Run(Showcase s)
{
    var random = new Random(42);
    AttentionProblem p = s.Problem;
    float[] query = Enumerable.Range(0, p.QueryLength).Select(_ => random.NextSingle() * 2 - 1).ToArray();
    float[] key = Enumerable.Range(0, p.KeyLength).Select(_ => random.NextSingle() * 2 - 1).ToArray();
    float[] value = Enumerable.Range(0, p.ValueLength).Select(_ => random.NextSingle() * 2 - 1).ToArray();
    float[] generated = new float[p.OutputLength];
    float[] generic = new float[p.OutputLength];
    AttentionDescriptor descriptor = p.ToDescriptor();
    void Generated() => s.Generated(query, key, value, generated);
    void Generic() => Attention.Compute<float>(descriptor, query, key, value, generic, causalOffset: s.CausalOffset, validKeys: s.ValidKeys);

    Generated();
    Generic();
    double[] reference = ReferenceAttention.Compute(p, query, key, value, s.CausalOffset, s.ValidKeys).Output;
    double generatedError = reference.Select((r, i) => Math.Abs(r - generated[i])).Max();
    double genericError = reference.Select((r, i) => Math.Abs(r - generic[i])).Max();
    double generatedMicros = MedianMicroseconds(Generated);
    double genericMicros = MedianMicroseconds(Generic);
    Console.WriteLine($"{s.Name,-40} {generatedError,20:E2} {genericError,18:E2} {generatedMicros,13:F2} {genericMicros,11:F2} {genericMicros / generatedMicros,8:F2}×");
}

// The median of many timed batches, each long enough for the clock to resolve it; at most about half a second per path.
static double MedianMicroseconds(Action action)
{
    var clock = Stopwatch.StartNew();
    int perBatch = 1;
    while (true)
    {
        clock.Restart();
        for (int i = 0; i < perBatch; i++)
        {
            action();
        }

        if (clock.Elapsed.TotalMilliseconds >= 2 || perBatch >= 1 << 20)
        {
            break;
        }

        perBatch *= 2;
    }

    var samples = new List<double>();
    var budget = Stopwatch.StartNew();
    while (samples.Count < 15 || (samples.Count < 201 && budget.ElapsedMilliseconds < 500))
    {
        clock.Restart();
        for (int i = 0; i < perBatch; i++)
        {
            action();
        }

        samples.Add(clock.Elapsed.TotalMicroseconds / perBatch);
    }

    samples.Sort();
    return samples[samples.Count / 2];
}

/// <summary>A generated kernel to show, with the problem it solves and its run-time mask arguments.</summary>
internal sealed record Showcase(string Name, AttentionProblem Problem, Action<float[], float[], float[], float[]> Generated,
    int CausalOffset = 0, int ValidKeys = -1);
