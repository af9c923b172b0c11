using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
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

// Each kernel's shape and options come from its own Descriptor, which the generic path takes as they are.
var showcases = new List<Showcase>
{
    new(nameof(Tiny16), Tiny16.Descriptor, (q, k, v, o) => Tiny16.Compute(q, k, v, o)),
    new(nameof(Encoder64x128), Encoder64x128.Descriptor, (q, k, v, o) => Encoder64x128.Compute(q, k, v, o)),
    new(nameof(Causal64x256), Causal64x256.Descriptor, (q, k, v, o) => Causal64x256.Compute(q, k, v, o)),
    new(nameof(OddCross), OddCross.Descriptor, (q, k, v, o) => OddCross.Compute(q, k, v, o)),
    new(nameof(DecodeGqa), DecodeGqa.Descriptor, (q, k, v, o) => DecodeGqa.Compute(q, k, v, validKeys: 2048, causalOffset: 2047, o),
        CausalOffset: 2047, ValidKeys: 2048),
};

Console.WriteLine($"{"kernel",-46} {"max |err| generated",20} {"max |err| generic",18} {"generated µs",13} {"generic µs",11} {"speed-up",9}");
foreach (Showcase showcase in showcases)
{
    Run(showcase);
}

ParallelHeads();
SplitDecode();
WorkedExamples();
LayerAgainstReference();
// The heatmap goes where it is asked to, else to the temporary folder: never into the directory the demo is run from.
DrawHeatmap(args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "attention-weights.svg"));

// Eight heads on one thread and shared out across the cores: the same output, bit for bit, and the time each takes.
static void ParallelHeads()
{
    var random = new Random(7);
    float[] query = Enumerable.Range(0, EightHeads.QueryLength).Select(_ => random.NextSingle() * 2 - 1).ToArray();
    float[] key = Enumerable.Range(0, EightHeads.KeyLength).Select(_ => random.NextSingle() * 2 - 1).ToArray();
    float[] value = Enumerable.Range(0, EightHeads.ValueLength).Select(_ => random.NextSingle() * 2 - 1).ToArray();
    float[] oneThread = new float[EightHeads.OutputLength], allCores = new float[EightHeads.OutputLength];
    void OneThread() => EightHeads.Compute(query, key, value, oneThread);
    void AllCores() => EightHeads.ComputeInParallel(query, key, value, allCores);
    OneThread();
    AllCores();
    double oneMicros = MedianMicroseconds(OneThread), allMicros = MedianMicroseconds(AllCores);
    Console.WriteLine();
    Console.WriteLine($"EightHeads (8 heads, 256×256, d=64): Compute {oneMicros:F1} µs, ComputeInParallel on {Environment.ProcessorCount} cores {allMicros:F1} µs " +
        $"({oneMicros / allMicros:F2}×), outputs {(oneThread.AsSpan().SequenceEqual(allCores) ? "identical" : "DIFFERENT")}");
}

// Flash decoding: a decode step over a 32K cache held as four 8K pages, each page on a core of its own with its
// log-sum-exp, the four merged by Attention.MergePartials; against the single call over the whole cache.
static void SplitDecode()
{
    const int pages = Decode32K.KeySeqLen / DecodePage8K.KeySeqLen, width = Decode32K.HeadDim;
    var random = new Random(11);
    float[] query = Enumerable.Range(0, Decode32K.QueryLength).Select(_ => random.NextSingle() * 2 - 1).ToArray();
    float[][] keyPages = new float[pages][], valuePages = new float[pages][];
    for (int page = 0; page < pages; page++)
    {
        keyPages[page] = Enumerable.Range(0, DecodePage8K.KeyLength).Select(_ => random.NextSingle() * 2 - 1).ToArray();
        valuePages[page] = Enumerable.Range(0, DecodePage8K.ValueLength).Select(_ => random.NextSingle() * 2 - 1).ToArray();
    }

    // The whole cache, head-major, for the single call: each key/value head's pages one after another.
    float[] Whole(float[][] pagesOf) => Enumerable.Range(0, Decode32K.KeyValueHeads)
        .SelectMany(h => pagesOf.SelectMany(page => page.Skip(h * DecodePage8K.KeySeqLen * width).Take(DecodePage8K.KeySeqLen * width))).ToArray();
    float[] key = Whole(keyPages), value = Whole(valuePages);
    float[] single = new float[Decode32K.OutputLength];
    var outputs = Enumerable.Range(0, pages).Select(_ => new float[DecodePage8K.OutputLength]).ToArray();
    var sums = Enumerable.Range(0, pages).Select(_ => new float[DecodePage8K.LogSumExpLength]).ToArray();
    void Single() => Decode32K.Compute(query, key, value, single);
    void Split()
    {
        System.Threading.Tasks.Parallel.For(0, pages, page => DecodePage8K.ComputeWithLogSumExp(query, keyPages[page], valuePages[page], outputs[page], sums[page]));
        for (int page = 1; page < pages; page++)
        {
            Attention.MergePartials<float>(outputs[0], sums[0], outputs[page], sums[page], outputs[0], sums[0], Decode32K.ValueDim); // in place
        }
    }

    Single();
    Split();
    double difference = single.Select((x, i) => Math.Abs(x - outputs[0][i])).Max();
    double singleMicros = MedianMicroseconds(Single), splitMicros = MedianMicroseconds(Split);
    Console.WriteLine($"Decode32K (32/8 heads, 1×32768, d=64): one call {singleMicros:F0} µs; four 8K pages on {Environment.ProcessorCount} cores, " +
        $"merged by log-sum-exp, {splitMicros:F0} µs ({singleMicros / splitMicros:F2}×); max |difference| {difference:E1}");
}

// The notes' examples: Nadaraya–Watson over waist sizes, and why the dot product is scaled by √d.
static void WorkedExamples()
{
    Console.WriteLine();
    Console.WriteLine("Worked examples");
    float[] weights = new float[3], estimate = new float[1];
    WaistToWeight.Compute(new[] { 62f }, new[] { 60f, 64f, 68f }, new[] { 110f, 115f, 126f }, estimate, weights);
    Console.WriteLine($"  waist 62 against waists 60, 64, 68 (body weights 110, 115, 126): attention {Format(weights)}, estimate {estimate[0]:F2}");

    float[] query = { 1.2f, -0.5f, 0.3f, 0.8f };
    float[] keys = new[] { 0.6f, -0.1f, -1.5f, 0.7f }.Concat(query.Select(x => x * 2.0f / 2.42f)).Concat(query.Select(x => x * 0.5f / 2.42f)).ToArray();
    float[] scores = new float[3], unscaled = new float[3], scaled = new float[3], ignored = new float[1];
    UnscaledFour.Compute(query, keys, new float[3], ignored, scores, AttentionScoreStage.Scaled);
    UnscaledFour.Compute(query, keys, new float[3], ignored, unscaled);
    ScaledFour.Compute(query, keys, new float[3], ignored, scaled);
    Console.WriteLine($"  q·k = {Format(scores)}: softmax {Format(unscaled)}; divided by √4: softmax {Format(scaled)}");
    Console.WriteLine("  (the notes quote 0.184, 0.643, 0.173 and 0.272, 0.459, 0.269, which are not the softmax of these scores)");

    var random = new Random(7);
    float[] Fill(int n, float scale) => Enumerable.Range(0, n).Select(_ => (random.NextSingle() * 2 - 1) * scale).ToArray();
    var bahdanau = AttentionProblem.Of(Bahdanau.Descriptor);
    float[] bq = Fill(bahdanau.QueryLength, 1), bk = Fill(bahdanau.KeyLength, 1), bv = Fill(bahdanau.ValueLength, 1);
    var additive = new AdditiveWeights(Fill(128 * 256, 0.1f), Fill(128 * 512, 0.1f), Fill(128, 1));
    float[] bOutput = new float[bahdanau.OutputLength];
    Bahdanau.Compute(bq, bk, bv, additive.QueryProjection, additive.KeyProjection, additive.ScoreVector, bOutput);
    double[] bExpected = ReferenceAttention.Compute(bahdanau, bq, bk, bv, additive: additive).Output;
    Console.WriteLine($"  Bahdanau (query 256, key 512, hidden 128): max |err| against the double reference {bExpected.Select((r, i) => Math.Abs(r - bOutput[i])).Max():E2}");
}

// A whole encoder layer against the double-precision reference layer.
static void LayerAgainstReference()
{
    var random = new Random(11);
    float[] Fill(int n, float scale) => Enumerable.Range(0, n).Select(_ => (random.NextSingle() * 2 - 1) * scale).ToArray();
    float[] x = Fill(EncoderLayer.QueryLength, 1), inW = Fill(EncoderLayer.InProjWeightLength, 0.2f), inB = Fill(EncoderLayer.InProjBiasLength, 0.1f);
    float[] outW = Fill(EncoderLayer.OutProjWeightLength, 0.2f), outB = Fill(EncoderLayer.OutProjBiasLength, 0.1f);
    float[] output = new float[EncoderLayer.OutputLength], scratch = new float[EncoderLayer.ScratchLength];
    void Forward() => EncoderLayer.Forward(x, x, x, inW, inB, outW, outB, output, scratch);
    Forward();
    double[] expected = ReferenceLayer.Forward(64, 4, 16, 16, AttentionMask.None, x, x, x, inW, inB, outW, outB);
    Console.WriteLine($"  EncoderLayer (E 64, 4 heads, 16 tokens): max |err| {expected.Select((r, i) => Math.Abs(r - output[i])).Max():E2}, {MedianMicroseconds(Forward):F2} µs per Forward");
}

// The weights of a small causal example, drawn as a heatmap (SVG, or PNG when the path ends in .png).
static void DrawHeatmap(string path)
{
    string[] tokens = "The cat sat on the mat because it was warm and soft".Split(' ');
    var random = new Random(3);
    float[] q = Enumerable.Range(0, HeatmapExample.QueryLength).Select(_ => random.NextSingle() * 2 - 1).ToArray();
    float[] k = Enumerable.Range(0, HeatmapExample.KeyLength).Select(i => random.NextSingle() + 2 * q[i]).ToArray();
    float[] weights = new float[HeatmapExample.WeightsLength];
    HeatmapExample.Compute(q, k, k, new float[HeatmapExample.OutputLength], weights);
    HeatmapPlot.Save(path, weights, tokens, tokens, isMasked: (row, key) => key > row, "Causal attention weights, d = 16");
    Console.WriteLine($"  wrote the attention weights of a 12-token causal example to {Path.GetFullPath(path)}");
}

static string Format(float[] values) => string.Join(", ", values.Select(v => v.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)));

static void Run(Showcase s)
{
    var random = new Random(42);
    AttentionProblem p = AttentionProblem.Of(s.Descriptor);
    float[] query = Enumerable.Range(0, p.QueryLength).Select(_ => random.NextSingle() * 2 - 1).ToArray();
    float[] key = Enumerable.Range(0, p.KeyLength).Select(_ => random.NextSingle() * 2 - 1).ToArray();
    float[] value = Enumerable.Range(0, p.ValueLength).Select(_ => random.NextSingle() * 2 - 1).ToArray();
    float[] generated = new float[p.OutputLength];
    float[] generic = new float[p.OutputLength];
    void Generated() => s.Generated(query, key, value, generated);
    void Generic() => Attention.Compute<float>(s.Descriptor, query, key, value, generic, causalOffset: s.CausalOffset, validKeys: s.ValidKeys);

    Generated();
    Generic();
    double[] reference = ReferenceAttention.Compute(p, query, key, value, s.CausalOffset, s.ValidKeys).Output;
    double generatedError = reference.Select((r, i) => Math.Abs(r - generated[i])).Max();
    double genericError = reference.Select((r, i) => Math.Abs(r - generic[i])).Max();
    double generatedMicros = MedianMicroseconds(Generated);
    double genericMicros = MedianMicroseconds(Generic);
    Console.WriteLine($"{s.Title,-46} {generatedError,20:E2} {genericError,18:E2} {generatedMicros,13:F2} {genericMicros,11:F2} {genericMicros / generatedMicros,8:F2}×");
}

// The median of many timed batches, each long enough for the clock to resolve it; at most about half a second per path.
// A quarter second of warm-up first lets tiered compilation reach its optimised code before anything is timed.
static double MedianMicroseconds(Action action)
{
    var clock = Stopwatch.StartNew();
    while (clock.ElapsedMilliseconds < 250)
    {
        action();
    }

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

/// <summary>A generated kernel to show, with its descriptor and its run-time mask arguments.</summary>
internal sealed record Showcase(string Name, AttentionDescriptor Descriptor, Action<float[], float[], float[], float[]> Generated,
    int CausalOffset = 0, int ValidKeys = -1)
{
    /// <summary>The kernel's name and shape, as its descriptor gives them: <c>DecodeGqa (32/8 heads, 1×2048, d=128, causal)</c>.</summary>
    public string Title
    {
        get
        {
            AttentionDescriptor d = Descriptor;
            string heads = d.Heads == 1 ? "" : d.KeyValueHeads == d.Heads ? $"{d.Heads} heads, " : $"{d.Heads}/{d.KeyValueHeads} heads, ";
            string valueDim = d.ValueDim == d.HeadDim ? "" : $", dv={d.ValueDim}";
            string causal = d.Mask.HasFlag(AttentionMask.Causal) ? ", causal" : "";
            return $"{Name} ({heads}{d.SeqLen}×{d.KeySeqLen}, d={d.HeadDim}{valueDim}{causal})";
        }
    }
}
