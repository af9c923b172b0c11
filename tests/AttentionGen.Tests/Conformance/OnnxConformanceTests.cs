using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using AttentionGen.Tests.Kernels;
using AttentionGen.Tests.Support;
using Shouldly;
using Xunit;

namespace AttentionGen.Tests.Conformance;

/// <summary>
/// The ONNX <c>Attention</c> operator's 76 conformance cases of opsets 23–24 and the 11 sliding-window cases of opset 25,
/// each through a generated kernel declared for its shape and options, and through the generic path. Batch is a loop, past and present are the caller's concatenation, and masks are
/// broadcast by the caller to <c>[SeqLen, KeySeqLen]</c> or <c>[Heads, SeqLen, KeySeqLen]</c>. Every output the case has
/// is compared with ONNX's tolerance, <c>|got − exp| ≤ 1e-7 + 1e-3·|exp|</c>, non-finite values exactly.
/// </summary>
public class OnnxConformanceTests
{
    public static TheoryData<CaseId> Cases() => CasesOf(OnnxCase.Opset24);

    public static TheoryData<CaseId> WindowCases() => CasesOf(OnnxCase.Opset25Windows);

    private static TheoryData<CaseId> CasesOf(string set)
    {
        var data = new TheoryData<CaseId>();
        foreach (string name in OnnxCase.Names(set))
        {
            data.Add(new CaseId(name));
        }

        return data;
    }

    [Fact]
    public void All_76_cases_are_there_to_run() => OnnxCase.Names().Count().ShouldBe(76);

    [Fact]
    public void All_11_window_cases_are_there_to_run() => OnnxCase.Names(OnnxCase.Opset25Windows).Count().ShouldBe(11);

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_generated_kernel_passes(CaseId id) => Check(OnnxCase.Load(id.Name), generated: true);

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_generic_path_passes(CaseId id) => Check(OnnxCase.Load(id.Name), generated: false);

    [Theory]
    [MemberData(nameof(WindowCases))]
    public void The_generated_kernel_passes_the_window_case(CaseId id) => Check(OnnxCase.Load(id.Name, OnnxCase.Opset25Windows), generated: true);

    [Theory]
    [MemberData(nameof(WindowCases))]
    public void The_generic_path_passes_the_window_case(CaseId id) => Check(OnnxCase.Load(id.Name, OnnxCase.Opset25Windows), generated: false);

    private static void Check(OnnxCase c, bool generated)
    {
        ConformanceKernels.All.TryGetValue(c.ConfigurationKey, out KernelUnderTest? kernel)
            .ShouldBeTrue($"no conformance kernel is declared for {c.ConfigurationKey}");
        Dictionary<string, double[]> actual = kernel switch
        {
            KernelUnderTest<Half> half => Run(c, half, generated, x => (Half)x, x => (double)x),
            KernelUnderTest<float> single => Run(c, single, generated, x => (float)x, x => x),
            _ => throw new InvalidOperationException(kernel!.Name),
        };

        foreach ((string name, OnnxTensor expected) in c.Outputs)
        {
            AssertWithinOnnxTolerance(actual[name], expected.Numbers, $"{c.Name}: {name}");
        }
    }

    /// <summary>Runs every batch entry; returns each output the case has, as the operator would lay it out.</summary>
    private static Dictionary<string, double[]> Run<T>(OnnxCase c, KernelUnderTest<T> kernel, bool generated, Func<double, T> store, Func<T, double> load)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var p = kernel.Problem;
        int presentKeyLength = c.KeyValueHeads * c.Keys * c.HeadDim, presentValueLength = c.KeyValueHeads * c.Keys * c.ValueDim;
        var results = new Dictionary<string, double[]>
        {
            ["Y"] = new double[c.Batch * p.OutputLength],
            ["present_key"] = new double[c.Batch * presentKeyLength],
            ["present_value"] = new double[c.Batch * presentValueLength],
            ["qk_matmul_output"] = new double[c.Batch * p.WeightsLength],
        };
        bool wantsScores = c.Outputs.ContainsKey("qk_matmul_output");
        for (int b = 0; b < c.Batch; b++)
        {
            double[] presentKey = Present(c, "K", "past_key", b, c.HeadDim);
            double[] presentValue = Present(c, "V", "past_value", b, c.ValueDim);
            presentKey.CopyTo(results["present_key"], b * presentKeyLength);
            presentValue.CopyTo(results["present_value"], b * presentValueLength);

            T[] q = c.Inputs["Q"].Numbers.Skip(b * p.QueryLength).Take(p.QueryLength).Select(store).ToArray();
            T[] k = InKernelLayout(c, presentKey, c.HeadDim).Select(store).ToArray();
            T[] v = InKernelLayout(c, presentValue, c.ValueDim).Select(store).ToArray();
            (bool[]? mask, double[]? bias) = Masks(c, b);
            T[]? storedBias = bias?.Select(store).ToArray();
            int validKeys = c.ValidKeys is { } nonpad ? (int)nonpad.Numbers[b] : -1;
            int causalOffset = c.PastKeys > 0 ? c.PastKeys : validKeys >= 0 ? validKeys - c.SeqLen : 0;
            var output = new T[p.OutputLength];
            var weights = new T[wantsScores ? p.WeightsLength : 0];
            if (generated)
            {
                kernel.Call(q, k, v, mask, storedBias, validKeys, causalOffset, default, output, weights, c.ScoreStage, default);
            }
            else
            {
                (int genericValidKeys, int genericOffset) = p.GenericMaskArguments(validKeys, causalOffset);
                Attention.Compute<T>(p.ToDescriptor(), q, k, v, output, weights, causalOffset: genericOffset, validKeys: genericValidKeys, mask, storedBias, c.ScoreStage);
            }

            output.Select(load).ToArray().CopyTo(results["Y"], b * p.OutputLength);
            weights.Select(load).ToArray().CopyTo(results["qk_matmul_output"], b * p.WeightsLength);
        }

        return results;
    }

    /// <summary><c>concat(past, new)</c> along the sequence for batch entry <paramref name="b"/>, as <c>[Hkv, T, width]</c>.</summary>
    private static double[] Present(OnnxCase c, string input, string pastInput, int b, int width)
    {
        var present = new double[c.KeyValueHeads * c.Keys * width];
        double[] fresh = c.Inputs[input].Numbers;
        double[]? past = c.Inputs.GetValueOrDefault(pastInput)?.Numbers;
        for (int h = 0; h < c.KeyValueHeads; h++)
        {
            for (int t = 0; t < c.Keys; t++)
            {
                for (int x = 0; x < width; x++)
                {
                    int newT = t - c.PastKeys;
                    present[(h * c.Keys + t) * width + x] = t < c.PastKeys
                        ? past![((b * c.KeyValueHeads + h) * c.PastKeys + t) * width + x]
                        : c.Interleaved
                            ? fresh[(b * c.NewKeys + newT) * c.KeyValueHeads * width + h * width + x]
                            : fresh[((b * c.KeyValueHeads + h) * c.NewKeys + newT) * width + x];
                }
            }
        }

        return present;
    }

    /// <summary><c>[Hkv, T, width]</c> rearranged to the kernel's layout: unchanged head-major, or <c>[T, Hkv·width]</c>.</summary>
    private static double[] InKernelLayout(OnnxCase c, double[] headMajor, int width)
    {
        if (!c.Interleaved)
        {
            return headMajor;
        }

        var interleaved = new double[headMajor.Length];
        for (int h = 0; h < c.KeyValueHeads; h++)
        {
            for (int t = 0; t < c.Keys; t++)
            {
                Array.Copy(headMajor, (h * c.Keys + t) * width, interleaved, (t * c.KeyValueHeads + h) * width, width);
            }
        }

        return interleaved;
    }

    /// <summary>
    /// The case's <c>attn_mask</c> broadcast (numpy rules, right-aligned) for batch entry <paramref name="b"/> to one
    /// <c>[SeqLen, T]</c> matrix when it does not vary by head, else <c>[Heads, SeqLen, T]</c>; a last axis shorter than
    /// <c>T</c> is padded with <c>false</c> or <c>−∞</c>.
    /// </summary>
    private static (bool[]? Mask, double[]? Bias) Masks(OnnxCase c, int b)
    {
        if (c.Mask is not { } mask)
        {
            return (null, null);
        }

        int[] dims = Enumerable.Repeat(1, 4 - mask.Dims.Length).Concat(mask.Dims).ToArray();
        int heads = dims[1] == 1 ? 1 : c.Heads;
        int length = heads * c.SeqLen * c.Keys;
        bool boolean = mask.DType == "bool";
        var allowed = boolean ? new bool[length] : null;
        var bias = boolean ? null : new double[length];
        for (int h = 0; h < heads; h++)
        {
            for (int i = 0; i < c.SeqLen; i++)
            {
                for (int j = 0; j < c.Keys; j++)
                {
                    int at = (h * c.SeqLen + i) * c.Keys + j;
                    int source = (((dims[0] == 1 ? 0 : b) * dims[1] + (dims[1] == 1 ? 0 : h)) * dims[2] + (dims[2] == 1 ? 0 : i)) * dims[3] + j;
                    if (boolean)
                    {
                        allowed![at] = j < dims[3] && mask.Booleans[source];
                    }
                    else
                    {
                        bias![at] = j < dims[3] ? mask.Numbers[source] : double.NegativeInfinity;
                    }
                }
            }
        }

        return (allowed, bias);
    }

    private static void AssertWithinOnnxTolerance(double[] actual, double[] expected, string what)
    {
        actual.Length.ShouldBe(expected.Length, what);
        for (int i = 0; i < expected.Length; i++)
        {
            bool ok = double.IsFinite(expected[i])
                ? Math.Abs(actual[i] - expected[i]) <= 1e-7 + 1e-3 * Math.Abs(expected[i])
                : actual[i].Equals(expected[i]);
            if (!ok)
            {
                throw new ShouldAssertException($"{what}[{i}] is {actual[i]:R}, expected {expected[i]:R} (|error| {Math.Abs(actual[i] - expected[i]):E2}).");
            }
        }
    }
}
