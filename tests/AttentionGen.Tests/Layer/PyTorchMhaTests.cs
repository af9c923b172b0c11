using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using AttentionGen.Tests.Conformance;
using AttentionGen.Tests.Support;
using Shouldly;
using Xunit;

namespace AttentionGen.Tests.Layer;

/// <summary>
/// The generated multi-head attention layers against PyTorch's own <c>nn.MultiheadAttention</c>: the 13 cases of
/// <c>tests/data/conformance/pytorch-mha/</c> and the 2 ALiBi cases of <c>pytorch-mha-alibi/</c> (the repository's copies), read at
/// run time, each through a layer declared for its shape and masks (ALiBi's from <c>AlibiMaxBias</c>, with no mask input).
/// Tolerances are the folder's: output <c>1e-5 + 1e-4·|exp|</c>, weights <c>1e-6 + 1e-4·|exp|</c> and masked keys exactly 0.
/// Where PyTorch gives NaN (a fully masked row), the contract's value from the file is what the layer must produce.
/// </summary>
public class PyTorchMhaTests
{
    private const string Plain = "pytorch-mha", WithAlibi = "pytorch-mha-alibi";

    public static TheoryData<CaseId> Cases() => CasesOf(Plain);

    public static TheoryData<CaseId> AlibiCases() => CasesOf(WithAlibi);

    private static TheoryData<CaseId> CasesOf(string set)
    {
        var data = new TheoryData<CaseId>();
        foreach (string file in Directory.EnumerateFiles(ConformanceData.Folder(set), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(new CaseId(Path.GetFileNameWithoutExtension(file)));
        }

        return data;
    }

    [Fact]
    public void All_13_cases_are_there_to_run() => Directory.EnumerateFiles(ConformanceData.Folder(Plain), "*.json").Count().ShouldBe(13);

    [Fact]
    public void Both_ALiBi_cases_are_there_to_run() => Directory.EnumerateFiles(ConformanceData.Folder(WithAlibi), "*.json").Count().ShouldBe(2);

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_generated_layer_matches_PyTorch(CaseId id) => Check(Plain, id);

    [Theory]
    [MemberData(nameof(AlibiCases))]
    public void The_generated_layer_with_ALiBi_matches_PyTorch(CaseId id) => Check(WithAlibi, id);

    [Theory]
    [InlineData("mha_alibi_e32_h4_l7")]
    [InlineData("mha_alibi_causal_e48_h6_l9")]
    public void Generated_ALiBi_slopes_are_the_ones_PyTorch_was_given(string name)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(ConformanceData.Folder(WithAlibi), name + ".json")));
        double[] expected = document.RootElement.GetProperty("mask").GetProperty("alibi_slopes").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        float[] slopes = (expected.Length == 4 ? AlibiSlopes4Heads.AlibiSlopes : AlibiSlopes6Heads.AlibiSlopes).ToArray();
        slopes.Length.ShouldBe(expected.Length);
        for (int h = 0; h < expected.Length; h++)
        {
            slopes[h].ShouldBe((float)expected[h], $"head {h}'s slope");
        }
    }

    private static void Check(string set, CaseId id)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(ConformanceData.Folder(set), id.Name + ".json")));
        JsonElement root = document.RootElement;
        Dictionary<string, OnnxTensor> t = root.GetProperty("tensors").EnumerateObject().ToDictionary(p => p.Name, p => OnnxTensor.Parse(p.Value));
        int e = root.GetProperty("E").GetInt32(), heads = root.GetProperty("heads").GetInt32();
        int l = root.GetProperty("L").GetInt32(), s = root.GetProperty("S").GetInt32(), batch = root.GetProperty("B").GetInt32();
        JsonElement mask = root.GetProperty("mask");
        LayerUnderTest layer = PyTorchLayers.ByCase[id.Name];

        float[] Floats(string name) => t[name].Numbers.Select(x => (float)x).ToArray();
        float[] inW = Floats("in_proj_weight"), inB = Floats("in_proj_bias"), outW = Floats("out_proj_weight"), outB = Floats("out_proj_bias");
        string kind = mask.GetProperty("kind").GetString()!;
        bool maskInput = kind != "causal" && !kind.StartsWith("alibi", StringComparison.Ordinal); // those the layer computes itself
        bool[] allow = t.TryGetValue("allow", out OnnxTensor? allowed) && maskInput ? allowed.Booleans : Array.Empty<bool>();
        float[] bias = mask.GetProperty("kind").GetString() == "additive" ? Floats("attn_mask") : Array.Empty<float>();
        bool contract = t.ContainsKey("output_library_contract");
        double[] expectedOutput = t[contract ? "output_library_contract" : "output"].Numbers;
        double[] expectedWeights = t[contract ? "weights_library_contract" : "weights_per_head"].Numbers;

        for (int b = 0; b < batch; b++)
        {
            float[] q = Floats("query").Skip(b * l * e).Take(l * e).ToArray();
            float[] k = Floats("key").Skip(b * s * e).Take(s * e).ToArray();
            float[] v = Floats("value").Skip(b * s * e).Take(s * e).ToArray();
            int validKeys = mask.TryGetProperty("valid_keys", out JsonElement valid) ? valid[b].GetInt32() : -1;
            var output = new float[l * e];
            var weights = new float[heads * l * s];
            layer.Forward(q, k, v, inW, inB, outW, outB, allow, bias, validKeys, output, weights, new float[layer.ScratchLength]);

            for (int i = 0; i < output.Length; i++)
            {
                double expected = expectedOutput[b * l * e + i];
                Math.Abs(output[i] - expected).ShouldBeLessThanOrEqualTo(1e-5 + 1e-4 * Math.Abs(expected), $"{id.Name}: output[{b}, {i / e}, {i % e}]");
            }

            for (int i = 0; i < weights.Length; i++)
            {
                double expected = expectedWeights[b * heads * l * s + i];
                if (expected == 0)
                {
                    weights[i].ShouldBe(0f, $"{id.Name}: weights[{b}, {i / (l * s)}, {i / s % l}, {i % s}] is masked");
                }
                else
                {
                    Math.Abs(weights[i] - expected).ShouldBeLessThanOrEqualTo(1e-6 + 1e-4 * Math.Abs(expected), $"{id.Name}: weights[{b}, {i / (l * s)}, {i / s % l}, {i % s}]");
                }
            }
        }
    }
}
