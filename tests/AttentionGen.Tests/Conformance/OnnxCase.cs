using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

using AttentionGen.Tests.Support;

namespace AttentionGen.Tests.Conformance;

/// <summary>One tensor of a case: its element type, shape, and data (numbers as doubles, with non-finite values decoded).</summary>
public sealed record OnnxTensor(string DType, int[] Dims, double[] Numbers, bool[] Booleans)
{
    public static OnnxTensor Parse(JsonElement tensor)
    {
        string dtype = tensor.GetProperty("dtype").GetString()!;
        int[] dims = tensor.GetProperty("dims").EnumerateArray().Select(d => d.GetInt32()).ToArray();
        JsonElement data = tensor.GetProperty("data");
        return dtype == "bool"
            ? new OnnxTensor(dtype, dims, Array.Empty<double>(), data.EnumerateArray().Select(x => x.GetBoolean()).ToArray())
            : new OnnxTensor(dtype, dims, data.EnumerateArray().Select(Number).ToArray(), Array.Empty<bool>());
    }

    private static double Number(JsonElement x) => x.ValueKind == JsonValueKind.String
        ? x.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var other => throw new FormatException(other),
        }
        : x.GetDouble();
}

/// <summary>
/// One ONNX <c>Attention</c> conformance case, read from the repository's copy, <c>tests/data/conformance/onnx-attention/</c>, with the semantics
/// of that folder's README decoded: shapes, heads, past length, scale, softcap, masks and the score output mode.
/// </summary>
public sealed class OnnxCase
{
    private OnnxCase(string name, JsonElement attributes, Dictionary<string, OnnxTensor> inputs, Dictionary<string, OnnxTensor> outputs)
    {
        Name = name;
        Inputs = inputs;
        Outputs = outputs;
        OnnxTensor q = inputs["Q"], k = inputs["K"], v = inputs["V"];
        Rank = q.Dims.Length;
        if (Rank == 4)
        {
            (Batch, Heads, SeqLen, HeadDim) = (q.Dims[0], q.Dims[1], q.Dims[2], q.Dims[3]);
            (KeyValueHeads, NewKeys, ValueDim) = (k.Dims[1], k.Dims[2], v.Dims[3]);
        }
        else
        {
            Heads = attributes.GetProperty("q_num_heads").GetInt32();
            KeyValueHeads = attributes.GetProperty("kv_num_heads").GetInt32();
            (Batch, SeqLen, HeadDim) = (q.Dims[0], q.Dims[1], q.Dims[2] / Heads);
            (NewKeys, ValueDim) = (k.Dims[1], v.Dims[2] / KeyValueHeads);
        }

        PastKeys = inputs.TryGetValue("past_key", out OnnxTensor? past) ? past.Dims[2] : 0;
        Scale = Attribute(attributes, "scale");
        Softcap = Attribute(attributes, "softcap");
        Causal = attributes.TryGetProperty("is_causal", out JsonElement causal) && causal.GetInt32() == 1;
        LeftWindow = attributes.TryGetProperty("left_window_size", out JsonElement left) ? left.GetInt32() : -1;
        RightWindow = attributes.TryGetProperty("right_window_size", out JsonElement right) ? right.GetInt32() : -1;
        ScoreStage = attributes.TryGetProperty("qk_matmul_output_mode", out JsonElement mode)
            ? (AttentionScoreStage)mode.GetInt32()
            : AttentionScoreStage.Scaled;
    }

    public string Name { get; }

    public IReadOnlyDictionary<string, OnnxTensor> Inputs { get; }

    public IReadOnlyDictionary<string, OnnxTensor> Outputs { get; }

    public int Rank { get; }

    public int Batch { get; }

    public int Heads { get; }

    public int KeyValueHeads { get; }

    public int SeqLen { get; }

    public int HeadDim { get; }

    public int ValueDim { get; }

    /// <summary>Keys of this call (<c>Skv</c>).</summary>
    public int NewKeys { get; }

    /// <summary>Keys from <c>past_key</c> (<c>P</c>).</summary>
    public int PastKeys { get; }

    /// <summary>All keys attended over: <c>T = P + Skv</c>.</summary>
    public int Keys => PastKeys + NewKeys;

    public double Scale { get; }

    public double Softcap { get; }

    public bool Causal { get; }

    /// <summary>Opset 25's <c>left_window_size</c>: −1 when absent (unbounded).</summary>
    public int LeftWindow { get; }

    /// <summary>Opset 25's <c>right_window_size</c>: −1 when absent (unbounded).</summary>
    public int RightWindow { get; }

    public AttentionScoreStage ScoreStage { get; }

    public bool Interleaved => Rank == 3;

    public OnnxTensor? Mask => Inputs.GetValueOrDefault("attn_mask");

    public OnnxTensor? ValidKeys => Inputs.GetValueOrDefault("nonpad_kv_seqlen");

    public bool IsHalf => Inputs["Q"].DType == "float16";

    public AttentionMask MaskFlags =>
        (Causal ? AttentionMask.Causal : 0)
        | (ValidKeys is not null ? AttentionMask.KeyPadding : 0)
        | (Mask is null ? 0 : Mask.DType == "bool" ? AttentionMask.Boolean : AttentionMask.Additive);

    /// <summary>The kernel configuration this case needs; the name under which <see cref="ConformanceKernels"/> holds its kernel.</summary>
    public string ConfigurationKey
    {
        get
        {
            string flags = string.Join("|", new[] { AttentionMask.Causal, AttentionMask.KeyPadding, AttentionMask.Boolean, AttentionMask.Additive }
                .Where(flag => (MaskFlags & flag) != 0));
            string window = LeftWindow >= 0 || RightWindow >= 0 ? $" window={LeftWindow}/{RightWindow}" : "";
            return string.Create(CultureInfo.InvariantCulture,
                $"{(Interleaved ? "Interleaved" : "HeadMajor")} d={HeadDim} dv={ValueDim} q={SeqLen} k={Keys} heads={Heads}/{KeyValueHeads} "
                + $"scale={Scale:G17} softcap={Softcap:G17} mask={(flags.Length == 0 ? "None" : flags)} type={Inputs["Q"].DType}{window}");
        }
    }

    /// <summary>The cases of opsets 23–24, in the repository's copy.</summary>
    public const string Opset24 = "onnx-attention";

    /// <summary>The sliding-window cases of opset 25, in the repository's copy.</summary>
    public const string Opset25Windows = "onnx-attention-window";

    public static IEnumerable<string> Names(string set = Opset24)
        => Directory.EnumerateFiles(ConformanceData.Folder(set), "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    public static OnnxCase Load(string name, string set = Opset24)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(ConformanceData.Folder(set), name + ".json")));
        JsonElement root = document.RootElement;
        Dictionary<string, OnnxTensor> Slots(string property) => root.GetProperty(property).EnumerateArray()
            .Where(slot => !slot.TryGetProperty("absent", out _))
            .ToDictionary(slot => slot.GetProperty("name").GetString()!, OnnxTensor.Parse);
        return new OnnxCase(root.GetProperty("name").GetString()!, root.GetProperty("attributes").Clone(), Slots("inputs"), Slots("outputs"));
    }

    public override string ToString() => Name;

    private static double Attribute(JsonElement attributes, string name)
        => attributes.TryGetProperty(name, out JsonElement value) ? value.GetDouble() : 0;
}
